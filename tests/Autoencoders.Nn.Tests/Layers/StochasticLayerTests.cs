using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Nn.Tests.Layers;

/// <summary>Dropout and the noise layers: active while training only, with the statistics they promise.</summary>
public sealed class StochasticLayerTests
{
    private static (Tensor Output, float[] Input) Run(Layer layer, bool training, int count = 20_000, float value = 0.5f)
    {
        layer.Build(new Shape(count), new DeterministicRandom(1));
        var graph = new Graph(CpuBackend.Shared);
        var input = Enumerable.Repeat(value, count).ToArray();
        return (layer.Forward(graph, graph.Constant(new Shape(1, count), input), training), input);
    }

    [Fact]
    public void DropoutZeroesItsRateAndKeepsTheMean()
    {
        var (y, _) = Run(new Dropout(0.25f), training: true);
        float[] values = y.ToArray();
        Assert.InRange(values.Count(v => v == 0f) / (double)values.Length, 0.23, 0.27);
        Assert.InRange(values.Average(), 0.48, 0.52);
        Assert.All(values.Where(v => v != 0f), v => Assert.Equal(0.5f / 0.75f, v, 5));
    }

    [Theory]
    [MemberData(nameof(NoiseLayers))]
    public void NoiseIsTheIdentityOutsideTraining(Layer layer)
    {
        var (y, input) = Run(layer, training: false);
        Assert.Equal(input, y.ToArray());
    }

    public static TheoryData<Layer> NoiseLayers() => [new Dropout(0.5f), new GaussianNoise(0.5f, 0f, 1f), new SaltAndPepperNoise(0.2f), new MaskingNoise(0.2f)];

    [Fact]
    public void ClippedGaussianNoiseHasTheFactorsSpreadInsideTheClip()
    {
        var (y, _) = Run(new GaussianNoise(0.1f, 0f, 1f), training: true);
        float[] values = y.ToArray();
        Assert.All(values, v => Assert.InRange(v, 0f, 1f));
        double mean = values.Average(), spread = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(spread, 0.095, 0.105); // 0.5 ± 0.1 is rarely clipped
    }

    [Fact]
    public void SaltAndPepperSetsItsRateToTheExtremesEvenly()
    {
        var (y, _) = Run(new SaltAndPepperNoise(0.2f), training: true);
        float[] values = y.ToArray();
        Assert.InRange(values.Count(v => v == 0f) / (double)values.Length, 0.09, 0.11);
        Assert.InRange(values.Count(v => v == 1f) / (double)values.Length, 0.09, 0.11);
        Assert.InRange(values.Count(v => v == 0.5f) / (double)values.Length, 0.78, 0.82);
    }

    [Fact]
    public void GaussianLatentSamplesWhileTrainingAndAddsItsKl()
    {
        var layer = new GaussianLatent(4);
        layer.Build(new Shape(6), new DeterministicRandom(2));
        var graph = new Graph(CpuBackend.Shared);
        var x = graph.Constant(new Shape(3, 6), Enumerable.Range(0, 18).Select(i => i / 18f).ToArray());
        float[] mean = layer.Forward(graph, x, training: false).ToArray();
        Assert.Single(graph.AuxiliaryLosses);
        float[] sample = layer.Forward(graph, x, training: true).ToArray();
        Assert.NotEqual(mean, sample);
        Assert.True(graph.AuxiliaryLosses[0].ToScalar() >= 0f, "a KL divergence is never negative");
    }
}
