using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Data.Tests;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Presets;
using Autoencoders.Nn.Serialization;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Tests.Layers;

/// <summary>Shape inference, configuration round trips, masks, saving and training of the 1-D convolution and pooling layers
/// on sequences (steps, channels).</summary>
public sealed class SequenceLayerTests
{
    [Theory]
    [InlineData("same", 1, 288)]
    [InlineData("same", 2, 144)] // ⌈T / s⌉, as Keras
    [InlineData("valid", 1, 282)]
    [InlineData("valid", 2, 141)]
    [InlineData("same", 3, 96)]
    public void Conv1DOutputShape(string padding, int stride, int steps)
    {
        var layer = new Conv1D(8, 7, stride, Padding.Parse(padding));
        Assert.Equal(new Shape(steps, 8), layer.ComputeOutputShape(new Shape(288, 3)));
    }

    [Theory]
    [InlineData(7, 2, "same", null, 144)] // T·s, as Keras
    [InlineData(7, 1, "same", null, 72)]
    [InlineData(3, 2, "same", null, 144)]
    [InlineData(7, 2, "valid", null, 149)] // (72 − 1)·2 + 7
    [InlineData(7, 2, "valid", 1, 150)]
    public void Conv1DTransposeOutputShape(int kernel, int stride, string padding, int? outputPadding, int steps)
    {
        var layer = new Conv1DTranspose(4, kernel, stride, Padding.Parse(padding), outputPadding);
        Assert.Equal(new Shape(steps, 4), layer.ComputeOutputShape(new Shape(72, 16)));
    }

    [Fact]
    public void PoolingShapes()
    {
        Assert.Equal(new Shape(5, 3), new MaxPooling1D().ComputeOutputShape(new Shape(11, 3)));
        Assert.Equal(new Shape(4, 3), new MaxPooling1D(3, 2).ComputeOutputShape(new Shape(10, 3)));
        Assert.Equal(new Shape(22, 3), new UpSampling1D().ComputeOutputShape(new Shape(11, 3)));
        Assert.Equal(new Shape(3), new GlobalAveragePooling1D().ComputeOutputShape(new Shape(11, 3)));
        Assert.Equal(new Shape(3), new GlobalMaxPooling1D().ComputeOutputShape(new Shape(11, 3)));
    }

    [Fact]
    public void SequenceLayersNameTheMissingReshape()
    {
        var error = Assert.Throws<ArgumentException>(() => new Conv1D(8, 3).ComputeOutputShape(new Shape(288)));
        Assert.Contains("Conv1D expected sequences (steps, channels), received (288); put a Reshape first", error.Message);
    }

    [Theory]
    [InlineData("""{"type": "Conv1D", "filters": 4, "kernel_size": 2, "padding": "same"}""", "padding \"same\" needs an odd kernel size, received 2")]
    [InlineData("""{"type": "Conv1D", "filters": 4, "kernel_size": 3, "padding": "causal"}""", "unknown padding \"causal\"")]
    [InlineData("""{"type": "Conv1DTranspose", "filters": 4, "kernel_size": 3, "strides": 2, "padding": 1, "output_padding": 2}""", "expected an output padding in [0, 2)")]
    [InlineData("""{"type": "MaxPooling1D", "pool_size": 2, "padding": "same"}""", "expected padding \"valid\"")]
    [InlineData("""{"type": "UpSampling1D", "size": 0}""", "expected a positive upsampling size, received 0")]
    public void BadSettingsAreNamed(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => LayerFactory.FromConfig((JsonObject)JsonNode.Parse(json)!, "encoder[1]"));
        Assert.StartsWith("encoder[1]", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void EveryLayerConfigurationRoundTrips()
    {
        Layer[] layers =
        [
            new Conv1D(4, 7, 2, Padding.Same, Activation.Relu), new Conv1D(4, 3, 1, Padding.Explicit(2), useBias: false, kernelInitializer: Initializer.TorchDefault),
            new Conv1DTranspose(2, 7, 2, Padding.Same, activation: Activation.Relu), new Conv1DTranspose(2, 4, 3, Padding.Valid, 2),
            new MaxPooling1D(3, 2), new UpSampling1D(3), new GlobalAveragePooling1D(), new GlobalMaxPooling1D(),
        ];
        foreach (var layer in layers)
        {
            JsonObject config = layer.GetConfig();
            Assert.Equal(config.ToJsonString(), LayerFactory.FromConfig(config, "layer").GetConfig().ToJsonString());
        }
    }

    /// <summary>The Keras time-series anomaly detection example's model (keras.io/examples/timeseries/timeseries_anomaly_detection).</summary>
    [Fact]
    public void KerasTimeSeriesAnomalyExampleHasItsParameterCountAndShape()
    {
        var model = new Sequential(
            new Conv1D(32, 7, 2, Padding.Same, Activation.Relu), new Dropout(0.2f), new Conv1D(16, 7, 2, Padding.Same, Activation.Relu),
            new Conv1DTranspose(16, 7, 2, Padding.Same, activation: Activation.Relu), new Dropout(0.2f),
            new Conv1DTranspose(32, 7, 2, Padding.Same, activation: Activation.Relu), new Conv1DTranspose(1, 7, 1, Padding.Same));
        model.Build(new Shape(288, 1));
        Assert.Equal(9505, model.Parameters.TotalCount);
        Assert.Equal(new Shape(288, 1), model.OutputShape);
    }

    [Fact]
    public void Conv1DPresetIsTheReferenceModel()
    {
        var (model, loss) = ModelPresets.Create("conv1d", 288);
        model.Build(new Shape(288));
        Assert.Equal(9505, model.Parameters.TotalCount);
        Assert.Equal(new Shape(288), model.OutputShape);
        Assert.Equal(Loss.MeanSquaredError, loss);
        Assert.Equal(128, ModelPresets.BatchSize("conv1d"));
    }

    [Fact]
    public void GlobalPoolingLayersSkipMaskedSteps()
    {
        var x = new Tensor(new Shape(2, 3, 1), [1, 2, 9, 4, 5, 6]) { Mask = new Tensor(new Shape(2, 3), [1, 1, 0, 1, 1, 1]) };
        var graph = new Graph(Autoencoders.Tensors.Backends.Cpu.CpuBackend.Shared) { IsRecording = false };
        Assert.Equal([1.5f, 5f], new GlobalAveragePooling1D().Call(graph, x, training: false).ToArray());
        Assert.Equal([2f, 6f], new GlobalMaxPooling1D().Call(graph, x, training: false).ToArray());
    }

    [Fact]
    public void Conv1DPresetLearnsTheSeriesAndSavesAndLoads()
    {
        var split = SeriesWindows.Generate(trainWindows: 512, testWindows: 128, window: 32, seed: 3);
        var (model, loss) = ModelPresets.Create("conv1d", 32);
        model.Build(new Shape(32), seed: 1);
        model.Compile(new Adam(0.01f), loss);
        double before = model.Evaluate(split.Test!);
        model.Fit(split.Train, new FitOptions { Epochs = 8, BatchSize = 32 });
        double after = model.Evaluate(split.Test!);
        Assert.True(after < 0.1, $"test MSE went from {before:F4} to {after:F4}, expected below 0.1");

        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "conv1d.safetensors");
        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);
        Assert.Equal(model.Predict(split.Test!), ((Model)loaded.Model).Predict(split.Test!));
    }
}
