using Autoencoders.Tensors.Autodiff;
using Autoencoders.Tensors.Backends;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.Kernels;

/// <summary>
/// The loss kernels against double-precision loops at awkward lengths (SIMD, tail, threads), and at the extremes
/// where a naive formula overflows or takes log 0. Sums: within 1e-5 relative (float lanes within blocks of
/// 4,096, double across blocks). Gradients: within 2e-6 relative of the formula from the same float inputs, plus
/// for logits 2.4e-7 · scale absolute (σ(z) − t cancels when σ(z) ≈ t, and float32 σ is good to an ulp of 1).
/// </summary>
public sealed class LossKernelTests
{
    private const float Scale = 0.37f;

    private static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));

    private static double Log1PExp(double z) => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));

    [Fact]
    public void SumsMatchDoubleLoops()
    {
        var backend = TestBackends.Parallel;
        foreach (int length in UnaryKernelTests.Lengths)
        {
            var random = new Random(length);
            float[] p = Uniform(random, length, 0.01f, 0.99f), t = Uniform(random, length, 0f, 1f), z = Uniform(random, length, -8f, 8f);
            float[] s = [.. z.Select(Sigmoid)];
            Tensor P = new(new Shape(length), p), T = new(new Shape(length), t), Z = new(new Shape(length), z), S = new(new Shape(length), s);
            double mse = 0, bce = 0, logits = 0;
            for (int i = 0; i < length; i++)
            {
                mse += ((double)p[i] - t[i]) * ((double)p[i] - t[i]);
                bce -= t[i] * Math.Log(p[i]) + (1 - t[i]) * Math.Log(1 - (double)p[i]);
                logits += Log1PExp(z[i]) - (double)z[i] * t[i];
            }
            string what = $"over {length} elements";
            Near.One(mse, backend.SquaredErrorSum(P, T), 1e-5, 1e-30, "squared error " + what);
            Near.One(bce, backend.BinaryCrossEntropySum(P, T), 1e-5, 1e-30, "binary cross-entropy " + what);
            Near.One(logits, backend.BinaryCrossEntropyWithLogitsSum(Z, null, T), 1e-5, 1e-30, "BCE with logits " + what);
            Near.One(logits, backend.BinaryCrossEntropyWithLogitsSum(Z, S, T), 1e-5, 1e-30, "BCE with logits and their sigmoid " + what);
        }
    }

    [Fact]
    public void GradientsMatchTheirFormulas()
    {
        var backend = TestBackends.Parallel;
        foreach (int length in UnaryKernelTests.Lengths)
            foreach (bool accumulate in new[] { false, true })
            {
                var random = new Random(length + 1);
                float[] p = Uniform(random, length, 0.01f, 0.99f), t = Uniform(random, length, 0f, 1f), z = Uniform(random, length, -8f, 8f);
                float[] s = [.. z.Select(Sigmoid)], before = Uniform(random, length);
                Tensor P = new(new Shape(length), p), T = new(new Shape(length), t), Z = new(new Shape(length), z), S = new(new Shape(length), s);
                var cases = new (string Name, Action<Tensor> Run, Func<int, double> Gradient, double Absolute)[]
                {
                    ("squared error", d => backend.SquaredErrorBackward(P, T, Scale, d, accumulate), i => 2.0 * Scale * (p[i] - t[i]), 0),
                    ("binary cross-entropy", d => backend.BinaryCrossEntropyBackward(P, T, Scale, d, accumulate),
                        i => Scale * ((double)p[i] - t[i]) / ((double)p[i] * (1 - (double)p[i])), 0),
                    ("BCE with logits", d => backend.BinaryCrossEntropyWithLogitsBackward(Z, null, T, Scale, d, accumulate),
                        i => Scale * (1 / (1 + Math.Exp(-(double)z[i])) - t[i]), 2.4e-7 * Scale),
                    ("BCE with logits and their sigmoid", d => backend.BinaryCrossEntropyWithLogitsBackward(Z, S, T, Scale, d, accumulate),
                        i => Scale * ((double)s[i] - t[i]), 0),
                };
                foreach (var (name, run, gradient, absolute) in cases)
                {
                    Tensor d = GuardedView(new Shape(length), before);
                    run(d);
                    string what = $"{name} backward over {length} elements, accumulate={accumulate}";
                    for (int i = 0; i < length; i++)
                    {
                        double value = gradient(i);
                        Near.One(accumulate ? before[i] + value : value, d.Span[i], 0,
                            1e-30 + absolute + 2e-6 * (Math.Abs(value) + (accumulate ? Math.Abs(before[i]) : 0)), $"{what}, element {i}");
                    }
                    AssertGuardsIntact(d, what);
                }
            }
    }

    [Fact]
    public void BinaryCrossEntropyWithLogitsIsFiniteAtPlusAndMinus100()
    {
        var backend = TestBackends.SingleThreaded;
        float[] z = [100f, -100f, 100f, -100f, 1000f, -1000f], t = [0f, 1f, 1f, 0f, 0.25f, 0.75f];
        float[] s = [.. z.Select(Sigmoid)];
        Tensor Z = new(new Shape(6), z), T = new(new Shape(6), t), S = new(new Shape(6), s);
        double expected = 0;
        for (int i = 0; i < z.Length; i++) expected += Log1PExp(z[i]) - (double)z[i] * t[i]; // 100 + 100 + 0 + 0 + 750 + 750
        Near.One(expected, backend.BinaryCrossEntropyWithLogitsSum(Z, null, T), 1e-6, 0, "sum from the logits");
        Near.One(expected, backend.BinaryCrossEntropyWithLogitsSum(Z, S, T), 1e-6, 0, "sum from the logits and their sigmoid");
        foreach (Tensor? sigmoid in new[] { null, S })
        {
            var d = new Tensor(new Shape(6));
            backend.BinaryCrossEntropyWithLogitsBackward(Z, sigmoid, T, 1f, d, accumulate: false);
            Near.All([1, -1, 0, 0, 0.75, -0.75], d.Span, 0, 1e-6, $"gradient (sigmoid given: {sigmoid is not null})");
        }
    }

    [Fact]
    public void BinaryCrossEntropyOnProbabilitiesClampsTheLogAt100AsPyTorchDoes()
    {
        var backend = TestBackends.SingleThreaded;
        Tensor p = new(new Shape(4), [0f, 1f, 0f, 1f]), t = new(new Shape(4), [1f, 0f, 0f, 1f]);
        Assert.Equal(200.0, backend.BinaryCrossEntropySum(p, t), 1e-6);
        var d = new Tensor(new Shape(4));
        backend.BinaryCrossEntropyBackward(p, t, 1f, d, accumulate: false);
        Assert.All(d.ToArray(), v => Assert.True(float.IsFinite(v), $"gradient {v} is not finite"));
        Assert.Equal(-1e12f, d[0], 1e6f); // (p − t) / max(p (1 − p), 1e-12)
    }

    [Fact]
    public void BinaryCrossEntropyOfASigmoidIsComputedFromTheLogits()
    {
        // σ(30) rounds to 1 in float32, so on probabilities the loss would be the clamp, −log(1 − 1) → 100.
        var graph = new Graph(TestBackends.SingleThreaded);
        var z = new Tensor(new Shape(2), [30f, -30f]) { RequiresGrad = true };
        Tensor loss = graph.BinaryCrossEntropy(graph.Sigmoid(z), new Tensor(new Shape(2), [0f, 1f]));
        Assert.Equal(30f, loss.ToScalar(), 1e-4f);
        graph.Backward(loss);
        Near.All([0.5, -0.5], z.Grad!.Span, 1e-6, 0, "dL/dz = (σ(z) − t) / 2");
    }

    [Fact]
    public void LossesRejectATargetOfAnotherSize()
    {
        var graph = new Graph(TestBackends.SingleThreaded);
        var error = Assert.Throws<ArgumentException>(() => graph.MeanSquaredError(new Tensor(new Shape(2, 3)), new Tensor(new Shape(5))));
        Assert.Equal("expected a target of shape (2, 3), received (5)", error.Message);
    }

    /// <summary>A (3, 2) target for a (2, 3) prediction has the right count and pairs the wrong elements.</summary>
    [Fact]
    public void LossesRejectATransposedTarget()
    {
        var backend = TestBackends.SingleThreaded;
        var graph = new Graph(backend);
        Tensor prediction = new(new Shape(2, 3), [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f]), target = new(new Shape(3, 2), [0.6f, 0.5f, 0.4f, 0.3f, 0.2f, 0.1f]);
        var gradient = new Tensor(new Shape(2, 3));
        var losses = new (string Name, Action Run)[]
        {
            ("graph MSE", () => graph.MeanSquaredError(prediction, target)),
            ("graph BCE", () => graph.BinaryCrossEntropy(prediction, target)),
            ("graph BCE with logits", () => graph.BinaryCrossEntropyWithLogits(prediction, target)),
            ("squared error sum", () => backend.SquaredErrorSum(prediction, target)),
            ("squared error backward", () => backend.SquaredErrorBackward(prediction, target, 1f, gradient, false)),
            ("BCE sum", () => backend.BinaryCrossEntropySum(prediction, target)),
            ("BCE backward", () => backend.BinaryCrossEntropyBackward(prediction, target, 1f, gradient, false)),
            ("BCE with logits sum", () => backend.BinaryCrossEntropyWithLogitsSum(prediction, null, target)),
            ("BCE with logits backward", () => backend.BinaryCrossEntropyWithLogitsBackward(prediction, null, target, 1f, gradient, false)),
        };
        foreach (var (name, run) in losses)
        {
            var error = Assert.Throws<ArgumentException>(run);
            Assert.True(error.Message == "expected a target of shape (2, 3), received (3, 2)", $"{name}: {error.Message}");
        }
    }

    [Fact]
    public void TheSigmoidUsedByTheLogitsPathIsTheUnaryKernel()
    {
        // The BCE-with-sigmoid kernel relies on −log max(σ, 1 − σ) = log(1 + e^(−|z|)); check the identity on the kernel's own σ.
        float[] z = Uniform(new Random(3), 33, -15f, 15f);
        var s = new Tensor(new Shape(33));
        TestBackends.SingleThreaded.Unary(UnaryOp.Sigmoid, new Tensor(new Shape(33), z), s, 0f);
        for (int i = 0; i < z.Length; i++)
            Near.One(Math.Log(1 + Math.Exp(-Math.Abs(z[i]))), -Math.Log(Math.Max(s[i], 1 - s[i])), 1e-5, 1e-7, $"z = {z[i]}");
    }
}
