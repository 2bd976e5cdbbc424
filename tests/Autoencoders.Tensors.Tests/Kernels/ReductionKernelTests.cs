using Autoencoders.Tensors.Autodiff;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.Kernels;

/// <summary>Sum's precision over millions of elements, and Softmax's normalisation and stability.</summary>
public sealed class ReductionKernelTests
{
    [Fact]
    public void SumOfFourMillionElementsIsExactToAMillionth()
    {
        // A float32 accumulator near 4e6 moves in steps of 0.5: a naive loop here is off by 2.9e-3 of the total.
        const int n = (1 << 22) + 3;
        var values = new float[n];
        for (int i = 0; i < n; i++) values[i] = 1f + (i % 7) * 1e-3f + (i % 2 == 0 ? 0f : 1e-4f);
        double expected = 0;
        foreach (float v in values) expected += v;
        var x = new Tensor(new Shape(n), values);

        Near.One(expected, TestBackends.Parallel.Sum(x), 1e-6, 0, "backend Sum");
        var graph = new Graph(TestBackends.Parallel);
        Near.One(expected, graph.Sum(x).ToScalar(), 1e-6, 0, "Graph.Sum");
        Near.One(expected / n, graph.Mean(x).ToScalar(), 1e-6, 0, "Graph.Mean");
    }

    [Fact]
    public void SumOfNothingIsZero() => Assert.Equal(0.0, TestBackends.SingleThreaded.Sum(new Tensor(new Shape(0))));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(17)]
    [InlineData(1000)]
    public void SoftmaxRowsSumToOneAndMatchDouble(int columns)
    {
        var random = new Random(columns);
        float[] values = Uniform(random, 3 * columns, -10f, 10f);
        Tensor y = Softmax(new Shape(3, columns), values);
        for (int row = 0; row < 3; row++)
        {
            ReadOnlySpan<float> x = values.AsSpan(row * columns, columns);
            double max = double.NegativeInfinity, total = 0;
            foreach (float v in x) max = Math.Max(max, v);
            foreach (float v in x) total += Math.Exp(v - max);
            double sum = 0;
            for (int j = 0; j < columns; j++)
            {
                sum += y[row * columns + j];
                Near.One(Math.Exp(x[j] - max) / total, y[row * columns + j], 1e-5, 1e-12, $"row {row}, column {j}");
            }
            Near.One(1, sum, 1e-5, 0, $"row {row} sum");
        }
    }

    [Fact]
    public void SoftmaxSurvivesLargeInputs()
    {
        // e^1000 overflows float32 (and e^89 does): only x − max(x) keeps these finite.
        float[] x = [1000f, 999f, 998f, -1000f, 1000f, 1000f, 1000f, 1000f, -1000f, -1000f, -1000f, -1000f, 88f, 89f, 90f, 0f];
        Tensor y = Softmax(new Shape(4, 4), x);
        Assert.All(y.ToArray(), v => Assert.True(float.IsFinite(v), $"softmax gave {v}"));
        double e1 = Math.Exp(-1), e2 = Math.Exp(-2);
        Near.All([1 / (1 + e1 + e2), e1 / (1 + e1 + e2), e2 / (1 + e1 + e2), 0], y.Span[..4], 1e-6, 1e-30, "row [1000, 999, 998, −1000]");
        Near.All([0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25], y.Span[4..12], 1e-6, 0, "rows of equal ±1000");
        for (int row = 0; row < 4; row++)
            Near.One(1, y.Span.Slice(row * 4, 4).ToArray().Sum(), 1e-6, 0, $"row {row} sum");
    }

    [Fact]
    public void SoftmaxOfARank3TensorNormalisesTheLastDimension()
    {
        float[] x = Uniform(new Random(9), 2 * 3 * 5, -3f, 3f);
        Tensor y = Softmax(new Shape(2, 3, 5), x);
        Assert.Equal(new Shape(2, 3, 5), y.Shape);
        for (int row = 0; row < 6; row++)
            Near.One(1, y.Span.Slice(row * 5, 5).ToArray().Sum(), 1e-6, 0, $"row {row} sum");
    }

    private static Tensor Softmax(Shape shape, float[] values)
    {
        var graph = new Graph(TestBackends.SingleThreaded);
        return graph.Softmax(new Tensor(shape, values));
    }
}
