using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Metrics;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Training;

/// <summary>Fit with targets that are not the inputs (class labels), and metrics per epoch and in Evaluate.</summary>
public sealed class SupervisedTrainingTests
{
    /// <summary>Points of [0, 1]⁴ labelled 1 when x₀ + x₁ > 1: a linear boundary a small network learns.</summary>
    private static (Dataset X, Dataset Y) Halves(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var x = new float[count * 4];
        random.FillUniform(x, 0f, 1f);
        var y = new float[count];
        for (int i = 0; i < count; i++) y[i] = x[4 * i] + x[4 * i + 1] > 1f ? 1f : 0f;
        return (new Dataset(x, 4), new Dataset(y, 1));
    }

    private static Sequential Classifier()
    {
        var model = new Sequential(new Dense(16, Activation.Relu), new Dense(1, Activation.Sigmoid));
        model.Compile(new Adam(0.01f), Loss.BinaryCrossEntropy, ["accuracy"]);
        return model;
    }

    [Fact]
    public void AClassifierLearnsLabelsAndReportsAccuracyPerEpoch()
    {
        var (x, y) = Halves(2000, seed: 1);
        var (testX, testY) = Halves(500, seed: 2);
        var model = Classifier();
        var history = model.Fit(x, new FitOptions { Epochs = 15, BatchSize = 32, ValidationData = testX, ValidationTargets = testY }, y);

        Assert.Equal(["accuracy", "val_accuracy"], history.MetricNames);
        double last = history.Metric("val_accuracy").Last();
        Assert.True(last >= 0.95, $"val_accuracy {last}");
        Assert.True(history.Metric("accuracy").First() < history.Metric("accuracy").Last());

        var evaluation = model.EvaluateTerms(testX, testY);
        Assert.Equal(last, evaluation.Metrics["accuracy"], 12);
        float[] p = model.Predict(testX);
        double manual = p.Select((v, i) => v > 0.5f == testY.Features[i] > 0.5f ? 1.0 : 0.0).Average();
        Assert.Equal(manual, evaluation.Metrics["accuracy"], 12);
    }

    [Fact]
    public void AccuracyFollowsTheLossAsKerasChoosesIt()
    {
        Assert.IsType<BinaryAccuracy>(Metric.Parse("accuracy", Loss.BinaryCrossEntropy));
        Assert.Equal("accuracy", Metric.Parse("accuracy", Loss.BinaryCrossEntropy).Name);
        var error = Assert.Throws<ArgumentException>(() => Metric.Parse("precision", null));
        Assert.StartsWith("unknown metric \"precision\"", error.Message);
    }

    [Fact]
    public void SparseAccuracyComparesTheLargestPredictionWithTheClassId()
    {
        // Three samples of four classes: right, wrong, right (the first of two equal maxima counts, as argmax).
        var prediction = new Tensor(new Shape(3, 4), [0.1f, 0.7f, 0.1f, 0.1f, 0.5f, 0.2f, 0.2f, 0.1f, 0.3f, 0.3f, 0.2f, 0.2f]);
        var target = new Tensor(new Shape(3, 1), [1f, 2f, 0f]);
        long hits = 0, cases = 0;
        new SparseCategoricalAccuracy().Accumulate(prediction, target, ref hits, ref cases);
        Assert.Equal((2L, 3L), (hits, cases));
    }

    [Fact]
    public void CategoricalAccuracyComparesArgMaxes()
    {
        var prediction = new Tensor(new Shape(2, 3), [0.2f, 0.5f, 0.3f, 0.6f, 0.3f, 0.1f]);
        var target = new Tensor(new Shape(2, 3), [0f, 1f, 0f, 0f, 0f, 1f]);
        long hits = 0, cases = 0;
        new CategoricalAccuracy().Accumulate(prediction, target, ref hits, ref cases);
        Assert.Equal((1L, 2L), (hits, cases));
    }
}
