using Autoencoders.Tensors.Backends;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests.Kernels;

/// <summary>Each elementwise kernel against its scalar definition, at lengths around the SIMD width and above the parallel threshold.</summary>
public sealed class ElementwiseKernelTests
{
    private static readonly CpuBackend Backend = new(threads: 2);

    public static TheoryData<UnaryOp, int> Cases()
    {
        var data = new TheoryData<UnaryOp, int>();
        foreach (UnaryOp op in Enum.GetValues<UnaryOp>())
            foreach (int length in new[] { 1, 7, 8, 9, 15, 16, 17, 1000, 40_001 })
                data.Add(op, length);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void UnaryMatchesScalarDefinition(UnaryOp op, int length)
    {
        var random = new Random(length);
        bool positive = op is UnaryOp.Log or UnaryOp.Sqrt;
        var x = new Tensor(new Shape(length), [.. Enumerable.Range(0, length).Select(_ => positive ? 0.01f + 5 * random.NextSingle() : 10 * random.NextSingle() - 5)]);
        var y = new Tensor(new Shape(length));
        Backend.Unary(op, x, y, 0.1f);
        for (int i = 0; i < length; i++)
        {
            double v = x.Span[i];
            double expected = op switch
            {
                UnaryOp.Relu => Math.Max(v, 0),
                UnaryOp.LeakyRelu => v > 0 ? v : 0.1 * v,
                UnaryOp.Sigmoid => 1 / (1 + Math.Exp(-v)),
                UnaryOp.Tanh => Math.Tanh(v),
                UnaryOp.Exp => Math.Exp(v),
                UnaryOp.Log => Math.Log(v),
                UnaryOp.Softplus => Math.Log(1 + Math.Exp(v)),
                UnaryOp.Sqrt => Math.Sqrt(v),
                UnaryOp.Square => v * v,
                _ => Math.Abs(v),
            };
            Assert.True(Math.Abs(expected - y.Span[i]) <= 1e-5 * (1 + Math.Abs(expected)), $"{op}[{i}] of {v}: expected {expected}, got {y.Span[i]}");
        }
    }

    [Fact]
    public void LossSumsAreExactOverLargeInputsAndStableAtExtremeLogits()
    {
        int n = 100_003;
        var z = new Tensor(new Shape(n), [.. Enumerable.Range(0, n).Select(i => (i % 3 - 1) * 100f)]);
        var t = new Tensor(new Shape(n), [.. Enumerable.Range(0, n).Select(i => (i % 2) * 1f)]);
        double expected = 0;
        for (int i = 0; i < n; i++)
        {
            double zi = z.Span[i], ti = t.Span[i];
            expected += Math.Max(zi, 0) - zi * ti + Math.Log(1 + Math.Exp(-Math.Abs(zi)));
        }
        double ours = Backend.BinaryCrossEntropyWithLogitsSum(z, null, t);
        Assert.True(double.IsFinite(ours));
        Assert.Equal(expected, ours, expected * 1e-5); // float lanes within blocks of 4,096, double across them
        double squared = Sum(z, t, (a, b) => (a - b) * (a - b));
        Assert.Equal(squared, Backend.SquaredErrorSum(z, t), squared * 1e-5);
    }

    [Fact]
    public void SoftmaxRowsSumToOneEvenForLargeInputs()
    {
        var x = new Tensor(new Shape(3, 4), [1000f, 999f, 998f, -1000f, 0f, 0f, 0f, 0f, -5f, 5f, 1f, 2f]);
        var y = new Tensor(x.Shape);
        Backend.Softmax(x, y);
        for (int r = 0; r < 3; r++)
            Assert.Equal(1f, y.Span.Slice(r * 4, 4).ToArray().Sum(), 5);
        Assert.Equal(1 / (1 + Math.Exp(-1) + Math.Exp(-2)), y.Span[0], 5);
    }

    [Fact]
    public void IncompatibleShapesSayTheyDoNotBroadcast()
    {
        var error = Assert.Throws<ArgumentException>(() => Broadcasting.ResultShape(new Shape(3, 4), new Shape(5)));
        Assert.Contains("do not broadcast", error.Message);
        Assert.Contains("(3, 4)", error.Message);
    }

    private static double Sum(Tensor a, Tensor b, Func<double, double, double> f)
    {
        double total = 0;
        for (int i = 0; i < a.Length; i++) total += f(a.Span[i], b.Span[i]);
        return total;
    }
}
