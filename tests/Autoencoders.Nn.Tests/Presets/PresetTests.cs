using System.Text.Json.Nodes;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Presets;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Presets;

/// <summary>Every preset against the same network built in PyTorch (tools/presets/torch_parameter_counts.py).</summary>
public sealed class PresetTests
{
    private static readonly JsonObject Torch = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Presets", "torch_parameter_counts.json")))!;

    public static TheoryData<string> Names() => [.. ModelPresets.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void ParameterCountsEqualPyTorchs(string preset)
    {
        var (model, _) = ModelPresets.Create(preset, 784);
        model.Build(new Shape(784));
        // nn.LSTM counts a second bias per layer that Keras (and we) fold into the first: see LstmPresetCountsBothWays.
        int secondBiases = (int?)Torch[preset]!["lstm_second_biases"] ?? 0;
        Assert.Equal((int)Torch[preset]!["parameters"]! - secondBiases, model.Parameters.TrainableCount);
        Assert.Equal((int)Torch[preset]!["buffers"]!, model.Parameters.NonTrainableCount);
        Assert.Contains($"Total params: {model.Parameters.TotalCount:N0}", model.Summary());
    }

    [Fact]
    public void LstmPresetCountsBothWays()
    {
        // Keras: LSTM(28 → 64) 4·(64·(28 + 64) + 64) = 23,808; LSTM(64 → 64) 4·(64·128 + 64) = 33,024; Dense(64 → 28) 1,820.
        // PyTorch's nn.LSTM adds b_hh (4·64) to each LSTM: 58,652 + 2·256 = 59,164, torch_reference.py's count.
        var (model, loss) = ModelPresets.Create("lstm", 784);
        model.Build(new Shape(784));
        Assert.Equal(58_652, model.Parameters.TrainableCount);
        Assert.Equal(59_164, (int)Torch["lstm"]!["parameters"]!);
        Assert.Equal(59_164, model.Parameters.TrainableCount + 2 * 4 * 64);
        Assert.Equal("bce", loss.Name);
        Assert.Equal(128, ModelPresets.BatchSize("lstm"));
        Assert.Equal([new Shape(28, 28), new Shape(64)], model.Encoder.Select(l => l.OutputShape));
        Assert.Equal([new Shape(28, 64), new Shape(28, 64), new Shape(28, 28), new Shape(784)], model.Decoder.Select(l => l.OutputShape));
    }

    [Fact]
    public void ConvPresetShapesFollowTheReference()
    {
        var (model, _) = ModelPresets.Create("conv", 784);
        model.Build(new Shape(784));
        Assert.Equal([new Shape(1, 28, 28), new Shape(32, 28, 28), new Shape(32, 14, 14), new Shape(32, 14, 14), new Shape(32, 7, 7)],
            model.Encoder.Select(l => l.OutputShape));
        Assert.Equal([new Shape(32, 14, 14), new Shape(32, 28, 28), new Shape(1, 28, 28), new Shape(784)], model.Decoder.Select(l => l.OutputShape));
    }

    [Fact]
    public void ConvDeepCodeIs49AndBatchNormStatisticsAreNonTrainable()
    {
        var (model, loss) = ModelPresets.Create("conv-deep", 784);
        model.Build(new Shape(784));
        Assert.Equal(49, model.CodeSize);
        Assert.Equal("rmse", loss.Name);
        Assert.Equal(2 * (128 + 256), model.Parameters.NonTrainableCount);
        Assert.All(model.Parameters.Entries.Where(e => e.Path.EndsWith("moving_mean") || e.Path.EndsWith("moving_variance")), e => Assert.False(e.Parameter.Trainable));
    }

    [Theory]
    [InlineData("conv", 100)]
    [InlineData("conv-deep", 900)] // 30 × 30: square but not divisible by 4
    public void ConvPresetsNameTheImageSizeTheyNeed(string preset, int inputSize)
    {
        var error = Assert.Throws<ArgumentException>(() => ModelPresets.Create(preset, inputSize));
        Assert.Contains($"received {inputSize} values per sample", error.Message);
    }

    [Fact]
    public void TheCodeOptionSizesEachPresetsCode()
    {
        foreach (string preset in ModelPresets.Names.Where(n => n is not "conv" and not "conv1d")) // their codes are fixed by the reference
        {
            var (model, _) = ModelPresets.Create(preset, 784, codeSize: 7);
            model.Build(new Shape(784));
            Assert.True(model.CodeSize == 7, $"{preset}: code size {model.CodeSize}");
        }
    }

    [Fact]
    public void DenoisingPresetStartsWithClippedNoiseOfTheGivenFactor()
    {
        var (model, _) = ModelPresets.Create("denoising", 784, noise: 0.3f);
        var noise = Assert.IsType<GaussianNoise>(model.Encoder[0]);
        Assert.Equal((0.3f, 0f, 1f), (noise.Stddev, noise.ClipMinimum!.Value, noise.ClipMaximum!.Value));
    }
}
