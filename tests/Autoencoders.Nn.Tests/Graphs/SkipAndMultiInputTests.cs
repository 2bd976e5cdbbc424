using Autoencoders.Data;
using Autoencoders.Data.Tests;
using Autoencoders.Nn.Graphs;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Layers.Merging;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Serialization;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Graphs;

/// <summary>The issue's two graph models: a small U-Net on 28×28 images (a skip connection by Concatenate) and a model of
/// two inputs; each trains, saves, loads and predicts bit-identically after the round trip.</summary>
public sealed class SkipAndMultiInputTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>Down once and up again, the full-resolution features joined back in before the last convolutions.</summary>
    private static Functional SmallUNet()
    {
        var image = SymbolicTensor.Input(new Shape(1, 28, 28), "image");
        var down = new Conv2D(8, 3, padding: Padding.Same, activation: Activation.Relu).Apply(image);       // (8, 28, 28)
        var deep = new Conv2D(16, 3, padding: Padding.Same, activation: Activation.Relu).Apply(new MaxPooling2D(2).Apply(down)); // (16, 14, 14)
        var up = new UpSampling2D(2).Apply(deep);                                                            // (16, 28, 28)
        var joined = new Concatenate(axis: 1).Apply(up, down);                                               // (24, 28, 28)
        var mixed = new Conv2D(8, 3, padding: Padding.Same, activation: Activation.Relu).Apply(joined);
        return new Functional(image, new Conv2D(1, 3, padding: Padding.Same, activation: Activation.Sigmoid).Apply(mixed)) { Name = "unet" };
    }

    /// <summary>28×28 images of bright rectangles of random place and size on black: structure a U-Net reconstructs.</summary>
    private static Dataset Rectangles(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var pixels = new float[count * 784];
        for (int n = 0; n < count; n++)
        {
            int top = (int)(random.NextFloat() * 18), left = (int)(random.NextFloat() * 18);
            int height = 4 + (int)(random.NextFloat() * 8), width = 4 + (int)(random.NextFloat() * 8);
            for (int y = top; y < Math.Min(28, top + height); y++)
                for (int x = left; x < Math.Min(28, left + width); x++)
                    pixels[n * 784 + y * 28 + x] = 1f;
        }
        return new Dataset(pixels, 784, sampleShape: [1, 28, 28]);
    }

    [Fact]
    public void ASmallUNetTrainsSavesLoadsAndPredictsBitIdentically()
    {
        var data = Rectangles(256, seed: 4);
        var model = SmallUNet();
        model.Build(new Shape(784), seed: 3);
        model.Compile(new Adam(0.01f), Loss.BinaryCrossEntropy);
        Assert.Equal(new Shape(1, 28, 28), model.OutputShape);
        Assert.Matches(@"concatenate \(Concatenate\)\s+\(None, 24, 28, 28\)\s+0\s+up_sampling2d, conv2d", model.Summary());
        double before = model.Evaluate(data);
        model.Fit(data, new FitOptions { Epochs = 3, BatchSize = 32 });
        double after = model.Evaluate(data);
        Assert.True(after < before / 3, $"bce {before} -> {after}");

        string path = folder.File("unet.safetensors");
        ModelFile.Save(model, path);
        var copy = Assert.IsType<Functional>(ModelFile.Load(path).Model);
        Assert.Equal(model.Summary(), copy.Summary());
        Assert.Equal(model.Predict(data), copy.Predict(data));
    }

    [Fact]
    public void AModelOfTwoInputsTrainsSavesLoadsAndPredictsBitIdentically()
    {
        // The label needs both inputs: is the first input's mean above the second's?
        var random = new DeterministicRandom(8);
        var left = new float[600 * 6];
        var right = new float[600 * 4];
        random.FillUniform(left, 0f, 1f);
        random.FillUniform(right, 0f, 1f);
        var labels = Enumerable.Range(0, 600).Select(i => left.AsSpan(i * 6, 6).ToArray().Average() > right.AsSpan(i * 4, 4).ToArray().Average() ? 1f : 0f).ToArray();
        var inputs = new ColumnsSideBySide(new Dataset(left, 6), new Dataset(right, 4));

        var a = SymbolicTensor.Input(new Shape(6), "left");
        var b = SymbolicTensor.Input(new Shape(4), "right");
        var joined = new Concatenate().Apply(new Dense(8, Activation.Relu).Apply(a), new Dense(8, Activation.Relu).Apply(b));
        var model = new Functional([a, b], [new Dense(1, Activation.Sigmoid).Apply(joined)]) { Name = "two_inputs" };
        model.Compile(new Adam(0.02f), Loss.BinaryCrossEntropy, ["accuracy"]);
        var history = model.Fit(inputs, new FitOptions { Epochs = 30, BatchSize = 32, Seed = 1 }, new Dataset(labels, 1));
        Assert.True(history.Metric("accuracy").Last() > 0.9, $"accuracy {history.Metric("accuracy").Last()}");
        Assert.Equal(new Shape(10), model.InputShape);

        string path = folder.File("two.safetensors");
        ModelFile.Save(model, path);
        var copy = Assert.IsType<Functional>(ModelFile.Load(path).Model);
        Assert.Equal(["left", "right"], copy.Inputs.Select(i => i.InputName));
        Assert.Equal(model.Predict(inputs), copy.Predict(inputs));
    }

    [Fact]
    public void SeveralOutputsComeBackSideBySide()
    {
        var x = SymbolicTensor.Input(new Shape(5), "x");
        var hidden = new Dense(4, Activation.Tanh).Apply(x);
        var model = new Functional([x], [new Dense(2).Apply(hidden), new Dense(3).Apply(hidden)]);
        model.Build(new Shape(5), seed: 2);
        Assert.Equal([new Shape(2), new Shape(3)], model.OutputShapes);
        var data = LowRankData.Create(count: 7, features: 5);
        float[] both = model.Predict(data);
        Assert.Equal(7 * 5, both.Length);

        // Training on packed targets: each output learns its own columns.
        model.Compile(new Adam(0.01f), Loss.MeanSquaredError);
        double before = model.Evaluate(data, data);
        model.Fit(data, new FitOptions { Epochs = 20, BatchSize = 7 }, data);
        Assert.True(model.Evaluate(data, data) < before);
    }
}
