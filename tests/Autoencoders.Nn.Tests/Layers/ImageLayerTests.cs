using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Serialization;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;
using Autoencoders.Data.Tests;

namespace Autoencoders.Nn.Tests.Layers;

/// <summary>Shape inference, configuration round trips and training of the image layers.</summary>
public sealed class ImageLayerTests
{
    [Theory]
    [InlineData("same", 1, 28, 28)]
    [InlineData("valid", 1, 26, 26)]
    [InlineData("same", 2, 14, 14)]
    [InlineData("2", 1, 30, 30)]
    public void Conv2DOutputShape(string padding, int stride, int height, int width)
    {
        var layer = new Conv2D(8, 3, stride, Padding.Parse(padding));
        Assert.Equal(new Shape(8, height, width), layer.ComputeOutputShape(new Shape(1, 28, 28)));
    }

    [Theory]
    [InlineData(3, 2, "same", 14)] // the decoder's doubling step
    [InlineData(2, 2, "same", 14)]
    [InlineData(3, 1, "same", 7)]
    [InlineData(3, 2, "valid", 15)] // (7 − 1)·2 + 3
    public void Conv2DTransposeOutputShape(int kernel, int stride, string padding, int side)
    {
        var layer = new Conv2DTranspose(4, kernel, stride, Padding.Parse(padding));
        Assert.Equal(new Shape(4, side, side), layer.ComputeOutputShape(new Shape(8, 7, 7)));
    }

    [Fact]
    public void ImageLayersNameTheMissingReshape()
    {
        var error = Assert.Throws<ArgumentException>(() => new Conv2D(8, 3).ComputeOutputShape(new Shape(784)));
        Assert.Contains("expected images (channels, height, width), received (784); put a Reshape first", error.Message);
    }

    [Theory]
    [InlineData("""{"type": "Conv2D", "filters": 4, "kernel_size": 2, "padding": "same"}""", "padding \"same\" needs an odd kernel size, received 2")]
    [InlineData("""{"type": "Conv2DTranspose", "filters": 4, "kernel_size": 3, "strides": 2, "padding": 1, "output_padding": 2}""", "expected an output padding in [0, 2)")]
    [InlineData("""{"type": "Dropout", "rate": 1.5}""", "expected a rate in [0, 1), received 1.5")]
    [InlineData("""{"type": "Reshape", "target_shape": [0, 28]}""", "expected positive dimensions")]
    [InlineData("""{"type": "Dense", "units": 4, "activity_regularizer": {"type": "l3"}}""", "unknown regularizer \"l3\"")]
    [InlineData("""{"type": "MaxPooling2D", "pool_size": "two"}""", "\"pool_size\" must be an integer")]
    public void BadSettingsAreNamed(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => LayerFactory.FromConfig((JsonObject)JsonNode.Parse(json)!, "encoder[3]"));
        Assert.StartsWith("encoder[3]", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void ReshapeInfersOneDimensionAndRejectsAWrongSize()
    {
        Assert.Equal(new Shape(1, 28, 28), new Reshape(1, -1, 28).ComputeOutputShape(new Shape(784)));
        var error = Assert.Throws<ArgumentException>(() => new Reshape(1, 27, 27).ComputeOutputShape(new Shape(784)));
        Assert.Contains("cannot reshape (784) (784 values) to [1, 27, 27]", error.Message);
    }

    [Fact]
    public void EveryLayerConfigurationRoundTrips()
    {
        Layer[] layers =
        [
            new Reshape(1, 8, 8), new Conv2D(4, 3, 1, Padding.Same, Activation.Relu), new BatchNormalization(0.9f, 1e-5f),
            new MaxPooling2D(2), new Conv2DTranspose(2, 3, 2, Padding.Same, activation: Activation.Relu), new UpSampling2D(2),
            new Flatten(), new Dropout(0.3f), new GaussianNoise(0.5f, 0f, 1f), new SaltAndPepperNoise(0.1f), new MaskingNoise(0.2f),
            new Dense(5, Activation.Sigmoid, activityRegularizer: new Regularizers.KlSparsityRegularizer(0.05f, 3f)), new GaussianLatent(3, 0.5f),
        ];
        foreach (var layer in layers)
        {
            JsonObject config = layer.GetConfig();
            Assert.Equal(config.ToJsonString(), LayerFactory.FromConfig(config, "layer").GetConfig().ToJsonString());
        }
    }

    [Fact]
    public void SmallConvAutoencoderLearnsAndSavesWithItsBatchNormStatistics()
    {
        var data = Blobs(count: 64, side: 8);
        var model = new Autoencoder(
            [new Reshape(1, 8, 8), new Conv2D(4, 3, 1, Padding.Same, Activation.Relu), new BatchNormalization(), new MaxPooling2D(2)],
            [new Conv2DTranspose(4, 3, 2, Padding.Same, activation: Activation.Relu), new Conv2D(1, 3, 1, Padding.Same, Activation.Sigmoid), new Flatten()]);
        model.Build(new Shape(64), seed: 3);
        model.Compile(new Adam(0.01f), Loss.BinaryCrossEntropy);
        double before = model.Evaluate(data);
        model.Fit(data, new FitOptions { Epochs = 30, BatchSize = 16 });
        double after = model.Evaluate(data);
        Assert.True(after < 0.75 * before, $"BCE went from {before:F4} to {after:F4}");
        var movingMean = model.Parameters.Entries.Single(e => e.Path.EndsWith("moving_mean")).Parameter.Value.ToArray();
        Assert.Contains(movingMean, m => m != 0f); // the moving statistics moved

        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "conv.safetensors");
        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);
        Assert.Equal(model.Predict(data), ((Model)loaded.Model).Predict(data));
    }

    /// <summary>Images of one bright square each, at random places: a pattern a tiny conv net can learn.</summary>
    internal static Dataset Blobs(int count, int side, ulong seed = 5)
    {
        var random = new DeterministicRandom(seed);
        var values = new float[count * side * side];
        for (int n = 0; n < count; n++)
        {
            int top = random.NextInt(side - 3), left = random.NextInt(side - 3);
            for (int y = top; y < top + 3; y++)
                for (int x = left; x < left + 3; x++) values[n * side * side + y * side + x] = 0.9f;
        }
        return new Dataset(values, side * side);
    }
}
