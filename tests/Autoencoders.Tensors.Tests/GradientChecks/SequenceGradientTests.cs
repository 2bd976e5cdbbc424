using static Autoencoders.Tensors.Tests.GradientChecks.GradientChecker;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.GradientChecks;

/// <summary>Gradient checks for the sequence ops on (N, T, C): 1-D convolution and its transpose, max pooling,
/// upsampling, and the (masked) global mean and maximum over time.</summary>
public sealed class SequenceGradientTests
{
    [Theory]
    [InlineData(3, 1, 1)] // "same"
    [InlineData(7, 2, 3)] // the conv1d preset's
    [InlineData(3, 2, 0)] // strided on an odd length: the last step unread
    [InlineData(1, 1, 0)] // 1×1: the columns are the sequence itself
    [InlineData(2, 3, 1)] // stride > kernel: steps between windows are read by none
    public void Conv1D(int kernel, int stride, int padding)
    {
        var random = new Random(100 * kernel + 10 * stride + padding);
        var x = Leaf(new Shape(2, 9, 3), random);
        var w = Leaf(new Shape(4, 3, kernel), random);
        var b = Leaf(new Shape(4), random);
        Assert.Equal(x.Length + w.Length + b.Length, CheckQuadratic(g => g.Conv1D(x, w, b, stride, padding), x, w, b));
    }

    [Fact]
    public void Conv1DWithFewerOutputsThanInputsAndNoBias()
    {
        var random = new Random(7);
        var x = Leaf(new Shape(2, 8, 5), random);
        var w = Leaf(new Shape(1, 5, 3), random);
        Assert.Equal(x.Length + w.Length, CheckQuadratic(g => g.Conv1D(x, w, null, 1, 1), x, w));
    }

    [Theory]
    [InlineData(7, 2, 3, 1)] // the conv1d preset's upsampling layers: T·2
    [InlineData(7, 1, 3, 0)] // its last layer
    [InlineData(3, 2, 0, 0)]
    [InlineData(2, 3, 0, 2)] // stride > kernel: steps between the taps get the bias alone
    [InlineData(1, 1, 0, 0)]
    public void Conv1DTranspose(int kernel, int stride, int padding, int outputPadding)
    {
        var random = new Random(1000 + 100 * kernel + 10 * stride + padding);
        var x = Leaf(new Shape(2, 5, 3), random);
        var w = Leaf(new Shape(3, 2, kernel), random);
        var b = Leaf(new Shape(2), random);
        Assert.Equal(x.Length + w.Length + b.Length,
            CheckQuadratic(g => g.Conv1DTranspose(x, w, b, stride, padding, outputPadding), x, w, b));
    }

    [Fact]
    public void Conv1DFeedingATransposedOne()
    {
        // The gradient of the first op's output arrives through the second's input transpose, accumulated onto nothing.
        var random = new Random(5);
        var x = Leaf(new Shape(2, 10, 2), random);
        var w1 = Leaf(new Shape(3, 2, 3), random);
        var w2 = Leaf(new Shape(3, 2, 3), random);
        Assert.Equal(x.Length + w1.Length + w2.Length,
            CheckQuadratic(g => g.Conv1DTranspose(g.Conv1D(x, w1, null, 2, 1), w2, null, 2, 1, 1), x, w1, w2));
    }

    [Fact]
    public void Conv1DInputUsedTwice()
    {
        // x feeds two convolutions: the second's input gradient must be added to the first's.
        var random = new Random(6);
        var x = Leaf(new Shape(2, 6, 2), random);
        var w1 = Leaf(new Shape(2, 2, 3), random);
        var w2 = Leaf(new Shape(2, 2, 3), random);
        Assert.Equal(x.Length + w1.Length + w2.Length,
            CheckQuadratic(g => g.Add(g.Conv1D(x, w1, null, 1, 1), g.Conv1D(x, w2, null, 1, 1)), x, w1, w2));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 2)] // overlapping windows
    [InlineData(2, 3)] // stride > pool: steps between windows get no gradient
    public void MaxPool1D(int pool, int stride)
    {
        var x = Leaf(new Shape(2, 11, 3), Distinct(2 * 11 * 3, pool * 10 + stride));
        Assert.Equal(x.Length, CheckWithStep(1e-3f, g => g.MaxPool1D(x, pool, stride), x));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void UpSample1D(int factor)
    {
        var x = Leaf(new Shape(2, 4, 3), new Random(10 + factor));
        Assert.Equal(x.Length, CheckQuadratic(g => g.UpSample1D(x, factor), x));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GlobalAveragePool1D(bool masked)
    {
        var x = Leaf(new Shape(3, 5, 2), new Random(20));
        Tensor? mask = masked ? Mask() : null;
        Assert.Equal(x.Length, CheckQuadratic(g => g.GlobalAveragePool1D(x, mask), x));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GlobalMaxPool1D(bool masked)
    {
        var x = Leaf(new Shape(3, 5, 2), Distinct(30, 21));
        Tensor? mask = masked ? Mask() : null;
        Assert.Equal(x.Length, CheckWithStep(1e-3f, g => g.GlobalMaxPool1D(x, mask), x));
    }

    [Fact]
    public void MaskedStepsGetNoGradientAndAFullyMaskedSequencePoolsToZero()
    {
        var x = Leaf(new Shape(3, 5, 2), new Random(22));
        var mask = Mask();
        foreach (bool average in new[] { true, false })
        {
            x.Grad = null;
            x.GradientWritten = false;
            var graph = new Autodiff.Graph(TestBackends.SingleThreaded);
            Tensor y = average ? graph.GlobalAveragePool1D(x, mask) : graph.GlobalMaxPool1D(x, mask);
            Assert.Equal([0f, 0f], y.ToArray()[4..6]); // sequence 2: every step masked
            graph.Backward(graph.Sum(y));
            float[] dx = x.Grad!.ToArray(), m = mask.ToArray();
            for (int i = 0; i < dx.Length; i++)
                if (m[i / 2] == 0f) Assert.Equal(0f, dx[i]);
        }
    }

    /// <summary>(3, 5): sequence 0 whole, sequence 1 with its last two steps padded, sequence 2 all padding.</summary>
    private static Tensor Mask() => new(new Shape(3, 5), [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);

    /// <summary>Distinct values a tenth apart, shuffled: no window has a tie that a small step could flip.</summary>
    private static float[] Distinct(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => (float)i / 10).OrderBy(_ => random.Next())];
    }
}
