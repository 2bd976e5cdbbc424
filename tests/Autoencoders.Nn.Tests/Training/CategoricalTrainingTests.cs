using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Nn.Tests.Training;

/// <summary>The categorical losses in models: a token classifier trained with sparse_categorical_crossentropy, its
/// evaluation over a dataset, and the messages for mixed-up targets.</summary>
public sealed class CategoricalTrainingTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Vocabulary = 12, Steps = 4, Classes = 4;

    /// <summary>Sequences of 4 random tokens; the class is the second token / 3, so each class has 3 tokens.</summary>
    private static (Dataset Inputs, Dataset Labels) TokenTask(int count, int seed)
    {
        var random = new Random(seed);
        var tokens = new float[count * Steps];
        var labels = new float[count];
        for (int i = 0; i < count; i++)
        {
            for (int t = 0; t < Steps; t++) tokens[i * Steps + t] = random.Next(Vocabulary);
            labels[i] = (int)tokens[i * Steps + 1] / 3;
        }
        return (new Dataset(tokens, Steps), new Dataset(labels, 1));
    }

    private static Sequential Classifier() =>
        new(new Embedding(Vocabulary, 8), new Flatten(), new Dense(Classes, Activation.Softmax));

    [Fact]
    public void ATokenClassifierLearnsItsTask()
    {
        var (inputs, labels) = TokenTask(600, seed: 1);
        var model = Classifier();
        model.Compile(new Adam(0.02f), Loss.Parse("sparse_categorical_crossentropy"));

        var history = model.Fit(inputs, new FitOptions { Epochs = 25, BatchSize = 32, Seed = 3 }, labels);

        // log 4 = 1.386 at chance; the task is separable, so the loss falls far below it.
        Assert.True(history.Epochs[0].Loss > 0.5, $"first epoch loss {history.Epochs[0].Loss}");
        Assert.True(history.Epochs[^1].Loss < 0.01, $"last epoch loss {history.Epochs[^1].Loss}");
        var (test, testLabels) = TokenTask(200, seed: 2);
        double evaluated = model.Evaluate(test, testLabels);
        output.WriteLine($"epoch 1 loss {history.Epochs[0].Loss:F4}, epoch 25 loss {history.Epochs[^1].Loss:F4}, held-out loss {evaluated:F4}");
        Assert.True(evaluated < 0.01, $"held-out loss {evaluated}");
    }

    [Fact]
    public void TrainingStepsAllocateNothingOnceWarm()
    {
        var (inputs, labels) = TokenTask(400, seed: 5);
        var model = new Sequential(new Embedding(Vocabulary, 8, maskZero: true), new Flatten(), new Dense(Classes, Activation.Softmax));
        model.Compile(new Adam(0.01f), Loss.SparseCategoricalCrossEntropy);
        var meter = new AllocationTests.AllocationMeter(batches: 50);

        model.Fit(inputs, new FitOptions { Epochs = 1, BatchSize = 8, Callbacks = [meter] }, labels);

        long allocated = meter.AllocatedBytes[45] - meter.AllocatedBytes[5];
        Assert.True(allocated == 0, $"{allocated} bytes over batches 5 to 45");
    }

    [Fact]
    public void EvaluateIsTheMeanOfMinusLogTheLabelsProbability()
    {
        var (inputs, labels) = TokenTask(90, seed: 4);
        var model = Classifier();
        model.Compile(new Adam(0.02f), Loss.SparseCategoricalCrossEntropy);
        model.Fit(inputs, new FitOptions { Epochs = 2, BatchSize = 16 }, labels);

        float[] probabilities = model.Predict(inputs);
        double expected = Enumerable.Range(0, inputs.Count).Average(i => -Math.Log(probabilities[i * Classes + (int)labels.Features[i]]));

        Assert.Equal(expected, model.Evaluate(inputs, labels, batchSize: 32), 1e-5);
        var oneHot = new float[inputs.Count * Classes];
        for (int i = 0; i < inputs.Count; i++) oneHot[i * Classes + (int)labels.Features[i]] = 1f;
        model.Compile(new Adam(0.02f), Loss.Parse("cce"));
        Assert.Equal(expected, model.Evaluate(inputs, new Dataset(oneHot, Classes), batchSize: 32), 1e-5);
    }

    [Fact]
    public void WithoutASoftmaxTheLossReadsProbabilities()
    {
        // An identity "model" output: the loss takes it as probabilities, -log(p + 1e-7) after renormalizing.
        var graph = new Graph(CpuBackend.Shared);
        var p = new Tensor(new Shape(2, 3), [0.2f, 0.5f, 0.3f, 0.1f, 0.1f, 0.8f]) { RequiresGrad = true };
        var ids = new Tensor(new Shape(2), [1, 2]);
        double expected = -(Math.Log(0.5) + Math.Log(0.8)) / 2;

        Assert.Equal(expected, Loss.SparseCategoricalCrossEntropy.Compute(graph, p, ids).ToScalar(), 1e-5);
        Assert.Equal(expected * 2, Loss.SparseCategoricalCrossEntropy.Accumulate(CpuBackend.Shared, p, ids), 1e-5);
    }

    [Fact]
    public void MixedUpTargetsAreNamed()
    {
        var graph = new Graph(CpuBackend.Shared);
        var logits = new Tensor(new Shape(3, 4));
        Tensor probabilities = graph.Softmax(logits);

        var error = Assert.Throws<ArgumentException>(() => Loss.SparseCategoricalCrossEntropy.Compute(graph, probabilities, new Tensor(new Shape(3, 4))));
        Assert.Equal("sparse_categorical_crossentropy expected one class id per sample (3 for predictions (3, 4)), received targets (3, 4); " +
            "for one-hot or probability targets use categorical_crossentropy", error.Message);
        error = Assert.Throws<ArgumentException>(() => Loss.CategoricalCrossEntropy.Compute(graph, probabilities, new Tensor(new Shape(3, 1))));
        Assert.Equal("categorical_crossentropy expected targets shaped like the predictions (3, 4), received (3, 1); " +
            "for integer class ids use sparse_categorical_crossentropy", error.Message);
        error = Assert.Throws<ArgumentException>(() => Loss.SparseCategoricalCrossEntropy.Compute(graph, probabilities, new Tensor(new Shape(3, 1), [0, 4, 1])));
        Assert.Equal("class id 4 at [1, 0] is outside the 4 classes", error.Message);
    }

    [Fact]
    public void NamesParseBack()
    {
        Assert.Same(Loss.SparseCategoricalCrossEntropy, Loss.Parse("scce"));
        Assert.Same(Loss.CategoricalCrossEntropy, Loss.Parse("categorical_crossentropy"));
        Assert.Same(Loss.SparseCategoricalCrossEntropy, Loss.Parse(Loss.SparseCategoricalCrossEntropy.Name));
    }
}
