using Autoencoders.Tensors.Autodiff;
using static Autoencoders.Tensors.Tests.GradientChecks.GradientChecker;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.GradientChecks;

/// <summary>Gradient checks for the recurrent ops (LSTM, GRU: backpropagation through time) and RepeatVector: every
/// operand, every sequence and last-state output, with and without a mask. Not quadratic (products of sigmoids through
/// time), so at the default step.</summary>
public sealed class RecurrentGradientTests
{
    // N = 3 sequences of T = 5 steps, C = 3 features, H = 4 units (H not a multiple of the vector width: the scalar tails).
    private const int Batch = 3, Steps = 5, Features = 3, Units = 4;

    // Sample 0 is whole, 1 right-padded after 3 steps, 2 has padding inside and at the start.
    private static readonly float[] MaskValues = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1];

    public static TheoryData<string, bool, bool> Cases() => new()
    {
        { "lstm", true, false }, { "lstm", false, false }, { "lstm", true, true }, { "lstm", false, true },
        { "gru", true, false }, { "gru", false, false }, { "gru", true, true }, { "gru", false, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryOperandsGradientMatchesCentralDifferences(string cell, bool returnSequences, bool masked)
    {
        var random = new Random(cell.Length * 10 + (returnSequences ? 2 : 0) + (masked ? 1 : 0));
        int gates = cell == "lstm" ? 4 : 3;
        var x = Leaf(new Shape(Batch, Steps, Features), random);
        var weightIh = Leaf(new Shape(gates * Units, Features), random);
        var weightHh = Leaf(new Shape(gates * Units, Units), random);
        var bias = Leaf(cell == "lstm" ? new Shape(gates * Units) : new Shape(2, gates * Units), random);
        Tensor? mask = masked ? new Tensor(new Shape(Batch, Steps), MaskValues) : null;
        int compared = Check(g => Run(g, cell, x, weightIh, weightHh, bias, mask, returnSequences), x, weightIh, weightHh, bias);
        Assert.Equal(x.Length + weightIh.Length + weightHh.Length + bias.Length, compared);
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void PaddedStepsGetNoGradientAndShowZeros(string cell)
    {
        var random = new Random(3);
        int gates = cell == "lstm" ? 4 : 3;
        var x = Leaf(new Shape(Batch, Steps, Features), random);
        var weightIh = Leaf(new Shape(gates * Units, Features), random);
        var weightHh = Leaf(new Shape(gates * Units, Units), random);
        var bias = Leaf(cell == "lstm" ? new Shape(gates * Units) : new Shape(2, gates * Units), random);
        var mask = new Tensor(new Shape(Batch, Steps), MaskValues);
        var graph = new Graph(TestBackends.SingleThreaded);
        Tensor y = Run(graph, cell, x, weightIh, weightHh, bias, mask, returnSequences: true);
        graph.Backward(graph.Sum(graph.Square(y)));
        for (int row = 0; row < Batch * Steps; row++)
        {
            if (MaskValues[row] != 0) continue;
            Assert.All(y.Span.Slice(row * Units, Units).ToArray(), v => Assert.Equal(0f, v));
            Assert.All(x.Grad!.Span.Slice(row * Features, Features).ToArray(), v => Assert.Equal(0f, v));
        }
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void TheLastStateIsTheStateAfterTheLastRealStep(string cell)
    {
        // Right padding must give the state of the shorter sequence run alone; padding inside, the state of the real
        // steps run alone; all padding, the zero initial state.
        var random = new Random(4);
        int gates = cell == "lstm" ? 4 : 3;
        var x = Leaf(new Shape(Batch, Steps, Features), random);
        var weightIh = Leaf(new Shape(gates * Units, Features), random);
        var weightHh = Leaf(new Shape(gates * Units, Units), random);
        var bias = Leaf(cell == "lstm" ? new Shape(gates * Units) : new Shape(2, gates * Units), random);
        float[] maskValues = [1, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0];
        var graph = new Graph(TestBackends.SingleThreaded) { IsRecording = false };
        float[] last = Run(graph, cell, x, weightIh, weightHh, bias, new Tensor(new Shape(Batch, Steps), maskValues), false).ToArray();

        float[] Alone(int sample, int[] steps)
        {
            var values = new float[steps.Length * Features];
            for (int s = 0; s < steps.Length; s++)
                x.Span.Slice((sample * Steps + steps[s]) * Features, Features).CopyTo(values.AsSpan(s * Features));
            return Run(graph, cell, new Tensor(new Shape(1, steps.Length, Features), values), weightIh, weightHh, bias, null, false).ToArray();
        }

        Near.All([.. Alone(0, [0, 1, 2]).Select(v => (double)v)], last.AsSpan(0, Units), 1e-6, 1e-7, "right-padded sample");
        Near.All([.. Alone(1, [1, 3]).Select(v => (double)v)], last.AsSpan(Units, Units), 1e-6, 1e-7, "sample padded inside");
        Assert.All(last.AsSpan(2 * Units, Units).ToArray(), v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void ABatchSplitOverChunksGivesWhatEachSequenceGivesAlone(string cell)
    {
        // 130 sequences are cut into 4 chunks (RecurrentJob.PartsFor): outputs and dx must be those of each sequence run
        // alone, the weight gradients their sum, on every backend.
        const int batch = 130, steps = 3, features = 2, units = 3;
        var random = new Random(5);
        int gates = cell == "lstm" ? 4 : 3;
        var x = Leaf(new Shape(batch, steps, features), random);
        var weightIh = Leaf(new Shape(gates * units, features), random);
        var weightHh = Leaf(new Shape(gates * units, units), random);
        var bias = Leaf(cell == "lstm" ? new Shape(gates * units) : new Shape(2, gates * units), random);
        Tensor[] weights = [weightIh, weightHh, bias];
        var expected = new double[batch * steps * units];
        var expectedDx = new double[x.Length];
        var expectedWeights = weights.Select(w => new double[w.Length]).ToArray();
        var single = new Graph(TestBackends.SingleThreaded);
        for (int n = 0; n < batch; n++)
        {
            single.Reset();
            foreach (var w in weights) w.GradientWritten = false;
            var sample = Leaf(new Shape(1, steps, features), x.Span.Slice(n * steps * features, steps * features).ToArray());
            Tensor y = Run(single, cell, sample, weightIh, weightHh, bias, null, true);
            single.Backward(single.Sum(single.Square(y)));
            for (int i = 0; i < y.Length; i++) expected[n * y.Length + i] = y.Span[i];
            for (int i = 0; i < sample.Length; i++) expectedDx[n * sample.Length + i] = sample.Grad!.Span[i];
            for (int w = 0; w < weights.Length; w++)
                for (int i = 0; i < weights[w].Length; i++) expectedWeights[w][i] += weights[w].Grad!.Span[i];
        }
        foreach (var backend in new[] { TestBackends.Parallel, TestBackends.SingleThreaded, TestBackends.Managed })
        {
            var graph = new Graph(backend);
            foreach (var w in weights) w.GradientWritten = false;
            x.GradientWritten = false;
            Tensor y = Run(graph, cell, x, weightIh, weightHh, bias, null, true);
            graph.Backward(graph.Sum(graph.Square(y)));
            Near.All(expected, y.Span, 1e-5, 1e-6, $"{cell} y on {backend.Name}");
            Near.All(expectedDx, x.Grad!.Span, 1e-5, 1e-6, $"{cell} dx on {backend.Name}");
            for (int w = 0; w < weights.Length; w++)
                Near.All(expectedWeights[w], weights[w].Grad!.Span, 1e-4, 1e-5, $"{cell} weight {w} on {backend.Name}");
        }
    }

    [Fact]
    public void RepeatVector()
    {
        var random = new Random(6);
        var x = Leaf(new Shape(3, 4), random);
        Assert.Equal(x.Length, CheckQuadratic(g => g.RepeatVector(x, 5), x));
        var image = Leaf(new Shape(2, 2, 3), random);
        var graph = new Graph(TestBackends.SingleThreaded);
        Tensor y = graph.RepeatVector(image, 4);
        Assert.Equal(new Shape(2, 4, 2, 3), y.Shape);
        Assert.Equal(image.Span.Slice(6, 6).ToArray(), y.Span.Slice(3 * 6 + 24, 6).ToArray());
    }

    [Fact]
    public void ShapesThatDoNotFitAreRefusedNamingBoth()
    {
        var graph = new Graph(TestBackends.SingleThreaded);
        var x = new Tensor(new Shape(2, 3, 4));
        var error = Assert.Throws<ArgumentException>(() => graph.Lstm(x, new Tensor(new Shape(8, 5)), new Tensor(new Shape(8, 2)), new Tensor(new Shape(8))));
        Assert.Contains("expected an input kernel (8, 4)", error.Message);
        Assert.Contains("received (8, 5)", error.Message);
        error = Assert.Throws<ArgumentException>(() => graph.Gru(x, new Tensor(new Shape(6, 4)), new Tensor(new Shape(6, 2)), new Tensor(new Shape(6))));
        Assert.Contains("expected a bias of 12 values", error.Message);
        error = Assert.Throws<ArgumentException>(() => graph.Lstm(x, new Tensor(new Shape(8, 4)), new Tensor(new Shape(8, 2)), new Tensor(new Shape(8)), new Tensor(new Shape(2, 4))));
        Assert.Contains("expected a mask (N, T) = (2, 3)", error.Message);
    }

    private static Tensor Run(Graph g, string cell, Tensor x, Tensor weightIh, Tensor weightHh, Tensor bias, Tensor? mask, bool returnSequences) =>
        cell == "lstm" ? g.Lstm(x, weightIh, weightHh, bias, mask, returnSequences) : g.Gru(x, weightIh, weightHh, bias, mask, returnSequences);
}
