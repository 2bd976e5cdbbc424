using Autoencoders.Tensors.Backends;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.Kernels;

/// <summary>
/// Each <see cref="UnaryOp"/> kernel, forward and backward, against its scalar definition at lengths around the
/// SIMD widths (8 and 16 lanes), above the 16,384 elements where the backend splits work over threads, and 0.
/// Inputs are views at an offset with guard values around them. Forward: against MathF, within 1e-6 relative
/// (the SIMD exp, log and tanh may differ from MathF by a few ulps) plus, for tanh and softplus, 1.2e-7 absolute
/// (one ulp of 1: TensorPrimitives.Tanh(0) is −6e-8, and softplus rounds 1 + e^(−|x|)); infinities must match.
/// Backward: against f'(x) · dy in double from the same saved x and y the kernel reads, within 2e-6 relative
/// plus, for tanh, 2.4e-7 · |dy| (1 − y² cancels as y → ±1, in float32 as in PyTorch).
/// </summary>
public sealed class UnaryKernelTests
{
    private const float Slope = 0.1f;

    public static readonly int[] Lengths = [0, 1, 7, 8, 9, 15, 16, 17, 1000, 4097, 40_001];

    public static TheoryData<UnaryOp> Ops() => new(Enum.GetValues<UnaryOp>());

    [Theory]
    [MemberData(nameof(Ops))]
    public void ForwardMatchesMathF(UnaryOp op)
    {
        foreach (int length in Lengths)
        {
            float[] x = Inputs(op, length);
            Tensor input = GuardedView(new Shape(length), x), output = GuardedView(new Shape(length), new float[length]);
            TestBackends.Parallel.Unary(op, input, output, Slope);
            string what = $"{op} over {length} elements";
            ReadOnlySpan<float> y = output.Span;
            for (int i = 0; i < length; i++)
                Near.One(Reference(op, x[i]), y[i], 1e-6, op is UnaryOp.Tanh or UnaryOp.Softplus ? 1.2e-7 : 1e-37, $"{what}, element {i} (x = {x[i]:G9})");
            AssertGuardsIntact(output, what);
        }
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void BackwardMatchesTheDerivative(UnaryOp op)
    {
        foreach (int length in Lengths)
            foreach (bool accumulate in new[] { false, true })
            {
                var random = new Random(length);
                float[] x = Inputs(op, length), upstream = Uniform(random, length), before = Uniform(random, length);
                var input = new Tensor(new Shape(length), x);
                var output = new Tensor(new Shape(length));
                TestBackends.Parallel.Unary(op, input, output, Slope);
                float[] y = output.ToArray();
                Tensor dx = GuardedView(new Shape(length), before);
                TestBackends.Parallel.UnaryBackward(op, input, output, new Tensor(new Shape(length), upstream), dx, Slope, accumulate);
                string what = $"{op} backward over {length} elements, accumulate={accumulate}";
                ReadOnlySpan<float> gradient = dx.Span;
                for (int i = 0; i < length; i++)
                {
                    double value = Derivative(op, x[i], y[i]) * upstream[i];
                    double expected = accumulate ? before[i] + value : value;
                    double allowed = 2e-6 * (Math.Abs(value) + (accumulate ? Math.Abs(before[i]) : 0)) + 1e-30
                        + (op == UnaryOp.Tanh ? 2.4e-7 * Math.Abs(upstream[i]) : 0);
                    Near.One(expected, gradient[i], 0, allowed, $"{what}, element {i} (x = {x[i]:G9}, y = {y[i]:G9})");
                }
                AssertGuardsIntact(dx, what);
            }
    }

    [Fact]
    public void SoftplusKeepsItsRelativePrecisionForNegativeInputs()
    {
        // softplus(x) = log(1 + eˣ) ≈ eˣ for x ≪ 0. Computed as log(1 + e^(−|x|)), 1 + e^(−|x|) rounds to 1 in
        // float32 once e^(−|x|) < 6e-8, so softplus(−20) = 0 (true value 2.06e-9), and the relative error grows
        // from x ≈ −4 on. PyTorch computes log1p(eˣ). A zero here is a log(0) = −∞ downstream (a variance, a rate).
        // Measured: relative error 2e-5 at −8, 9e-3 at −12, and 0 returned from −17 down.
        float[] x = [-2f, -4.361f, -8f, -12f, -17f, -20f, -30f, -50f, -80f];
        var y = new Tensor(new Shape(x.Length));
        TestBackends.SingleThreaded.Unary(UnaryOp.Softplus, new Tensor(new Shape(x.Length), x), y, 0f);
        for (int i = 0; i < x.Length; i++)
        {
            double u = Math.Exp(x[i]); // log1p(u), exact to double for the small u here
            double expected = u < 1e-4 ? u - u * u / 2 + u * u * u / 3 : Math.Log(1 + u);
            Near.One(expected, y[i], 1e-5, 0, $"softplus({x[i]})");
        }
    }

    /// <summary>Random values in the op's domain, led by the edge cases that fit.</summary>
    private static float[] Inputs(UnaryOp op, int length)
    {
        var random = new Random(length * 31 + (int)op);
        float[] edges = op switch
        {
            UnaryOp.Log or UnaryOp.Sqrt => [1f, 1e-30f, 3e38f, 0.5f, 2f, 1e-3f, 1e3f, 1.0001f],
            UnaryOp.Exp => [0f, -100f, 88f, 89f, -88f, 1e-7f, -1e-7f, 20f],
            UnaryOp.Sigmoid or UnaryOp.Softplus => [0f, 100f, -100f, 20f, -20f, 1e-7f, -1e-7f, 15.5f],
            _ => [0f, -0f, 1e-7f, -1e-7f, 20f, -20f, 1e30f, -1e30f],
        };
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = i < edges.Length ? edges[i]
                : op is UnaryOp.Log or UnaryOp.Sqrt ? MathF.Exp(12 * random.NextSingle() - 6)
                : 20 * random.NextSingle() - 10;
        return values;
    }

    private static double Reference(UnaryOp op, float x) => op switch
    {
        UnaryOp.Relu => MathF.Max(x, 0f),
        UnaryOp.LeakyRelu => x > 0f ? x : Slope * x,
        UnaryOp.Sigmoid => 1f / (1f + MathF.Exp(-x)),
        UnaryOp.Tanh => MathF.Tanh(x),
        UnaryOp.Exp => MathF.Exp(x),
        UnaryOp.Log => MathF.Log(x),
        UnaryOp.Softplus => MathF.Max(x, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(x))),
        UnaryOp.Sqrt => MathF.Sqrt(x),
        UnaryOp.Square => x * x,
        UnaryOp.Abs => MathF.Abs(x),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>f'(x) from whichever of x and y = f(x) the kernel reads (PyTorch's conventions at kinks: 0 for ReLU and Abs).</summary>
    private static double Derivative(UnaryOp op, double x, double y) => op switch
    {
        UnaryOp.Relu => y > 0 ? 1 : 0,
        UnaryOp.LeakyRelu => x > 0 ? 1 : Slope,
        UnaryOp.Sigmoid => y * (1 - y),
        UnaryOp.Tanh => 1 - y * y,
        UnaryOp.Exp => y,
        UnaryOp.Log => 1 / x,
        UnaryOp.Softplus => 1 / (1 + Math.Exp(-x)),
        UnaryOp.Sqrt => 0.5 / y,
        UnaryOp.Square => 2 * x,
        UnaryOp.Abs => Math.Sign(x),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };
}
