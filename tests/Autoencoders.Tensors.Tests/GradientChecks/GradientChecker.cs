using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Tensors.Tests.GradientChecks;

/// <summary>
/// Central-difference gradient checks. For an op f and leaf inputs that require gradients, the scalar checked is
/// L = Σ w ∘ f(x) with fixed random weights w, |w| ∈ [0.5, 1.5] with random signs, so every output element counts
/// and no two cancel by symmetry (Σ softmax = 1 would hide every softmax gradient under w = 1).
/// The analytic gradient of L from <see cref="Graph.Backward"/> is compared, for every element of every input,
/// with (L(x + h·eᵢ) − L(x − h·eᵢ)) / (2h):
/// <code>|analytic − numeric| ≤ 2e-3 · max(|analytic|, |numeric|) + 1e-4</code>
/// — about the 2e-3 relative that JAX's check_grads allows for float32, and an absolute floor that covers the
/// numeric estimate's rounding noise.
/// <para>Step h: 1e-2 by default, 1e-3 where the op curves sharply (division, BCE on probabilities). The truncation
/// error is h²/6 · f''' (2e-5 · f''' at 1e-2). L is summed in double from f's float32 outputs, so only their
/// rounding is amplified by 1/(2h). The step actually taken is (float)(x + h) − (float)(x − h), not 2h.</para>
/// <para>That rounding is not 6e-8 · |w f| per moved output once an output is a long sum: a 5×5×3 convolution adds
/// 75 products, in an order (and with FMA or not) that the GEMM kernel chooses, so at h = 1e-2 the estimate's noise
/// reaches the tolerance on some CPUs (OpenBLAS's generic kernels) and not on others. The cure is not a wider
/// tolerance but a larger step where it costs nothing: <see cref="CheckQuadratic"/> is for ops at most quadratic in
/// each input element taken alone (convolutions, matrix products, linear maps), where the central difference is
/// exact at any step, and takes h = 1, which divides the noise by 100. Whether the op really is that is checked too:
/// its difference quotients at h = 1 and h = 1/2 must agree (a cubic term would part them by f'''/8).</para>
/// <para>Also asserted: every input receives a gradient; gradient buffers filled with NaN beforehand are
/// overwritten (the first write of a backward pass must assign, not add); and a second forward and backward pass,
/// over the graph's recycled tensors and their stale gradients, gives the same gradients bit for bit.</para>
/// </summary>
public static class GradientChecker
{
    public const float DefaultStep = 1e-2f;
    public const float SharpStep = 1e-3f;
    public const double Relative = 2e-3;
    public const double Absolute = 1e-4;

    /// <summary>Checks f's gradient with the default step; returns the number of elements compared.</summary>
    public static int Check(Func<Graph, Tensor> f, params Tensor[] inputs) => CheckWithStep(DefaultStep, f, inputs);

    /// <summary>Checks f's gradient with step <paramref name="step"/>; returns the number of elements compared.</summary>
    public static int CheckWithStep(float step, Func<Graph, Tensor> f, params Tensor[] inputs) => Run(step, quadratic: false, f, inputs);

    /// <summary>Checks the gradient of an op at most quadratic in each input element taken alone, at step 1 (see the
    /// class remarks), and that it is: the difference quotients at steps 1 and 1/2 agree.</summary>
    public static int CheckQuadratic(Func<Graph, Tensor> f, params Tensor[] inputs) => Run(QuadraticStep, quadratic: true, f, inputs);

    public const float QuadraticStep = 1f;

    private static int Run(float step, bool quadratic, Func<Graph, Tensor> f, Tensor[] inputs)
    {
        Assert.All(inputs, x => Assert.True(x.RequiresGrad, $"input {x} must require a gradient"));
        var graph = new Graph(TestBackends.SingleThreaded);
        float[] weights = Weights(graph, f);

        float[][] analytic = Analytic(graph, f, weights, inputs);
        float[][] again = Analytic(graph, f, weights, inputs);
        for (int t = 0; t < inputs.Length; t++)
            Assert.True(analytic[t].AsSpan().SequenceEqual(again[t]), $"input {t}: a second backward pass gave different gradients");

        var failures = new List<string>();
        int compared = 0;
        for (int t = 0; t < inputs.Length; t++)
        {
            Span<float> x = inputs[t].Span;
            for (int i = 0; i < x.Length; i++, compared++)
            {
                double numeric = DifferenceQuotient(graph, f, weights, x, i, step), a = analytic[t][i];
                string where = $"input {t} {inputs[t].Shape} element {i} (x = {x[i]:G6})";
                if (quadratic)
                {
                    double half = DifferenceQuotient(graph, f, weights, x, i, step / 2);
                    if (!(Math.Abs(half - numeric) <= Allowed(half, numeric)))
                        failures.Add($"{where}: not quadratic, the difference quotient moves with the step: {numeric:G6} at {step}, {half:G6} at {step / 2}");
                }
                double allowed = Allowed(a, numeric);
                if (!(Math.Abs(a - numeric) <= allowed))
                    failures.Add($"{where}: analytic {a:G6}, numeric {numeric:G6}, allowed difference {allowed:G3}");
            }
        }
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {compared} gradient elements differ from central differences (step {step}):\n" + string.Join("\n", failures.Take(12)));
        return compared;
    }

    private static double Allowed(double a, double b) => Relative * Math.Max(Math.Abs(a), Math.Abs(b)) + Absolute;

    /// <summary>(L(x + h·eᵢ) − L(x − h·eᵢ)) over the step actually taken; leaves x as it was.</summary>
    private static double DifferenceQuotient(Graph graph, Func<Graph, Tensor> f, float[] weights, Span<float> x, int i, float step)
    {
        float saved = x[i];
        x[i] = saved + step;
        double up = x[i], plus = Loss(graph, f, weights);
        x[i] = saved - step;
        double down = x[i], minus = Loss(graph, f, weights);
        x[i] = saved;
        return (plus - minus) / (up - down);
    }

    /// <summary>Seeded by the output size, so a test's weights do not depend on which tests ran before it.</summary>
    private static float[] Weights(Graph graph, Func<Graph, Tensor> f)
    {
        graph.Reset();
        int length = f(graph).Length;
        var random = new Random(7919 + length);
        return TestTensors.AwayFromZero(random, length, 0.5f, 1.5f);
    }

    private static float[][] Analytic(Graph graph, Func<Graph, Tensor> f, float[] weights, Tensor[] inputs)
    {
        foreach (var x in inputs)
        {
            x.Grad = new Tensor(x.Shape);
            x.Grad.Span.Fill(float.NaN);
            x.GradientWritten = false;
        }
        graph.Reset();
        Tensor output = f(graph);
        Tensor loss = graph.Sum(graph.Multiply(output, graph.Constant(output.Shape, weights)));
        graph.Backward(loss);
        for (int t = 0; t < inputs.Length; t++)
            Assert.True(inputs[t].GradientWritten, $"input {t} {inputs[t].Shape} received no gradient");
        return [.. inputs.Select(x => x.Grad!.ToArray())];
    }

    private static double Loss(Graph graph, Func<Graph, Tensor> f, float[] weights)
    {
        graph.Reset();
        ReadOnlySpan<float> output = f(graph).Span;
        double sum = 0;
        for (int j = 0; j < output.Length; j++) sum += (double)weights[j] * output[j];
        return sum;
    }
}
