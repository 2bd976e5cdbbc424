namespace Autoencoders.Bench.Tests;

public class TrainingFlopsTests
{
    // Each figure counted by hand from the layer sizes: 6 × the forward multiply-adds (2 FLOPs each, training = 3 × forward).
    [Theory]
    [InlineData("dense", 784, 6L * (784 * 32 + 32 * 784))]
    [InlineData("deep", 784, 6L * 2 * (784 * 400 + 400 * 200 + 200 * 100 + 100 * 50 + 50 * 2))]
    // μ and log σ² are two 400 × 20 dense layers.
    [InlineData("vae", 784, 6L * (784 * 400 + 2 * 400 * 20 + 20 * 400 + 400 * 784))]
    // conv: outputs × (channels · 3 · 3) per convolution, inputs × (filters · 3 · 3) per transposed one:
    // 32·28·28·9, 32·14·14·288, 32·7·7·288, 32·14·14·288, 1·28·28·288.
    [InlineData("conv", 784, 6L * (25088 * 9 + 6272 * 288 + 1568 * 288 + 6272 * 288 + 784 * 288))]
    // lstm: 28 steps × 4·64 gate rows × (inputs + units), twice, and the per-step dense 64 → 28.
    [InlineData("lstm", 784, 6L * 28 * (256 * (28 + 64) + 256 * (64 + 64) + 64 * 28))]
    // conv1d on 288 steps: 144·32 outputs × 7, 72·16 × 32·7, then transposed: 72·16 inputs × 16·7, 144·16 × 32·7, 288·32 × 7.
    [InlineData("conv1d", 288, 6L * (4608 * 7 + 1152 * 224 + 1152 * 112 + 2304 * 224 + 9216 * 7))]
    public void PerSampleCountsTheMultiplyAddsOfEveryWeightLayer(string workload, int features, long expected) =>
        Assert.Equal(expected, TrainingFlops.PerSample(workload, features));

    [Fact]
    public void LayersWithoutWeightsCountNothing()
    {
        var (model, _) = Nn.Presets.ModelPresets.Create("conv", 784);
        model.Build(new Tensors.Shape(784));
        var pooling = model.NamedLayers.Select(named => named.Layer).OfType<Nn.Layers.MaxPooling2D>().ToList();
        Assert.Equal(2, pooling.Count);
        Assert.All(pooling, layer => Assert.Equal(0, TrainingFlops.MultiplyAdds(layer)));
    }
}
