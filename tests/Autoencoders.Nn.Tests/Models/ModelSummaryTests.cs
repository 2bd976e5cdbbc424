using Autoencoders.Nn.Models;
using Autoencoders.Nn.Presets;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Models;

/// <summary>Parameter counts must match what Keras and PyTorch report for the same networks.</summary>
public sealed class ModelSummaryTests
{
    /// <summary>What PyTorch counts for a stack of nn.Linear: Σ (in · out + out).</summary>
    private static long LinearStackParameters(params int[] sizes) =>
        sizes.Zip(sizes.Skip(1)).Sum(pair => (long)pair.First * pair.Second + pair.Second);

    private static Autoencoder Built(string preset, int? code = null)
    {
        var (model, _) = ModelPresets.Create(preset, 784, code);
        model.Build(new Shape(784));
        return model;
    }

    [Fact]
    public void DensePresetHas50992Parameters()
    {
        var model = Built("dense");

        Assert.Equal(50_992, LinearStackParameters(784, 32, 784));
        Assert.Equal(50_992, model.Parameters.TotalCount);
        Assert.Equal(50_992, model.Parameters.TrainableCount);
        Assert.Equal(0, model.Parameters.NonTrainableCount);
    }

    [Fact]
    public void DeepPresetCountsAsThePyTorchLinearStack()
    {
        long expected = LinearStackParameters(784, 400, 200, 100, 50, 2, 50, 100, 200, 400, 784);
        var model = Built("deep", code: 2);

        Assert.Equal(839_686, expected);
        Assert.Equal(expected, model.Parameters.TotalCount);
        Assert.Equal(expected, model.Parameters.TrainableCount);
        Assert.Equal(0, model.Parameters.NonTrainableCount);
    }

    [Fact]
    public void DenseSummaryShowsOutputShapesAndTotals()
    {
        string summary = Built("dense").Summary();

        Assert.Contains("(None, 32)", summary);
        Assert.Contains("(None, 784)", summary);
        Assert.Contains("Total params: 50,992", summary);
        Assert.Contains("Trainable params: 50,992", summary);
        Assert.Contains("Non-trainable params: 0", summary);
        Assert.Contains("25,120", summary); // 784 · 32 + 32
        Assert.Contains("25,872", summary); // 32 · 784 + 784
    }

    [Fact]
    public void DeepSummaryShowsEveryLayersOutputShape()
    {
        string summary = Built("deep", code: 2).Summary();

        foreach (int units in new[] { 400, 200, 100, 50, 2, 784 })
            Assert.Contains($"(None, {units})", summary);
        Assert.Contains("Total params: 839,686", summary);
    }

    [Fact]
    public void SummaryOfAnUnbuiltModelSaysToBuildIt()
    {
        var (model, _) = ModelPresets.Create("dense", 784);

        var error = Assert.Throws<InvalidOperationException>(() => model.Summary());
        Assert.Contains("Build", error.Message);
    }
}
