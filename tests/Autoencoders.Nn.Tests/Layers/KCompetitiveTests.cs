using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Tests.Layers;

public sealed class KCompetitiveTests
{
    // One row of six tanh values: positives 0.9, 0.5, 0.2; negatives −0.7, −0.3, −0.1.
    private static readonly float[] Row = [0.5f, -0.7f, 0.9f, -0.1f, 0.2f, -0.3f];

    private static (Tensor X, Tensor Y, Graph Graph) Run(int k, float alpha, bool training)
    {
        var layer = new KCompetitive(k, alpha);
        layer.Build(new Shape(6), new DeterministicRandom(0));
        var graph = new Graph(Autoencoders.Tensors.Backends.Cpu.CpuBackend.Shared);
        var x = new Tensor(new Shape(1, 6), Row) { RequiresGrad = true };
        return (x, layer.Forward(graph, x, training), graph);
    }

    [Fact]
    public void WinnersTakeTheEnergyOfTheLosersOfTheirSign()
    {
        // k = 4: two positive winners (0.9, 0.5) get α · 0.2; two negative winners (−0.7, −0.3) get α · (−0.1).
        var (_, y, _) = Run(4, 2f, training: true);
        float[] expected = [0.5f + 0.4f, -0.7f - 0.2f, 0.9f + 0.4f, 0f, 0f, -0.3f - 0.2f];
        for (int i = 0; i < 6; i++) Assert.Equal(expected[i], y.Span[i], 1e-6f);
    }

    [Fact]
    public void AnOddKGivesTheExtraWinnerToTheNegatives()
    {
        // k = 3: one positive winner (0.9 + α(0.5 + 0.2)), two negative (−0.7, −0.3, each − α · 0.1).
        var (_, y, _) = Run(3, 1f, training: true);
        float[] expected = [0f, -0.8f, 1.6f, 0f, 0f, -0.4f];
        for (int i = 0; i < 6; i++) Assert.Equal(expected[i], y.Span[i], 1e-6f);
    }

    [Fact]
    public void GradientsReachTheLosersAmplified()
    {
        // d Σy / d x: 1 for each winner; α × (winners of its sign) for each loser.
        var (x, y, graph) = Run(4, 2f, training: true);
        graph.Backward(graph.Sum(y));
        float[] expected = [1f, 1f, 1f, 4f, 4f, 1f];
        for (int i = 0; i < 6; i++) Assert.Equal(expected[i], x.Grad!.Span[i], 1e-6f);
    }

    [Fact]
    public void OutsideTrainingItIsTheIdentity()
    {
        var (x, y, _) = Run(2, KCompetitive.DefaultAlpha, training: false);
        Assert.Same(x, y);
    }

    [Fact]
    public void ConfigRoundTripsThroughTheFactory()
    {
        var layer = (KCompetitive)LayerFactory.FromConfig(new KCompetitive(6, 3.5f).GetConfig(), "test");
        Assert.Equal(6, layer.K);
        Assert.Equal(3.5f, layer.Alpha);
    }

    [Fact]
    public void MoreWinnersThanUnitsIsRefused() =>
        Assert.Contains("k ≤ the 4 units", Assert.Throws<ArgumentException>(() => new KCompetitive(5).ComputeOutputShape(new Shape(4))).Message);

    [Fact]
    public void ASecondStepOnTheSameGraphStartsFromFreshMasks()
    {
        // The graph hands out the same memory after Reset: masks left from the first row must not leak into the second.
        var layer = new KCompetitive(2, 1f);
        layer.Build(new Shape(4), new DeterministicRandom(0));
        var graph = new Graph(Autoencoders.Tensors.Backends.Cpu.CpuBackend.Shared);
        foreach (var (row, expected) in new[] { (new[] { 0.9f, -0.8f, 0.1f, -0.1f }, new[] { 1.0f, -0.9f, 0f, 0f }), (new[] { 0.1f, -0.1f, 0.9f, -0.8f }, new[] { 0f, 0f, 1.0f, -0.9f }) })
        {
            graph.Reset();
            Tensor x = graph.NewTensor(new Shape(1, 4));
            row.CopyTo(x.Span);
            Tensor y = layer.Forward(graph, x, training: true);
            for (int i = 0; i < 4; i++) Assert.Equal(expected[i], y.Span[i], 1e-6f);
        }
    }
}
