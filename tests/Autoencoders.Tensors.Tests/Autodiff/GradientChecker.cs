using Autoencoders.Tensors.Autodiff;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests.Autodiff;

/// <summary>
/// Compares the gradients from <see cref="Graph.Backward"/> with central differences.
/// The scalar checked is L = Σ w ∘ f(x) with fixed random weights w, so every output element counts.
/// Float32 tolerances (as JAX uses for float32, about 2e-3 relative): |analytic − numeric| ≤ 2e-3 · max(|a|, |n|) + 2e-3,
/// with a step of 1e-2 (float32 rounding of L over a step of 1e-2 is about 1e-5 · |L|, truncation error O(h²)).
/// </summary>
internal static class GradientChecker
{
    public const float Step = 1e-2f, Relative = 2e-3f, Absolute = 2e-3f;

    public static readonly CpuBackend Backend = new(threads: 1);

    public static Tensor Leaf(Shape shape, Random random, float low = -1f, float high = 1f)
    {
        var values = new float[shape.ElementCount];
        for (int i = 0; i < values.Length; i++) values[i] = low + (high - low) * random.NextSingle();
        return new Tensor(shape, values) { RequiresGrad = true };
    }

    /// <summary>Checks every element of every input's gradient; returns how many were compared.</summary>
    public static int Check(Func<Graph, Tensor> f, params Tensor[] inputs)
    {
        var graph = new Graph(Backend);
        float[] weights = RandomWeights(graph, f);
        foreach (var input in inputs) input.GradientWritten = false;
        var loss = Evaluate(graph, f, weights, out _);
        graph.Backward(loss);
        var analytic = inputs.Select(x => x.GradientWritten ? x.Grad!.ToArray() : new float[x.Length]).ToArray();

        int compared = 0;
        for (int t = 0; t < inputs.Length; t++)
        {
            Span<float> x = inputs[t].Span;
            for (int i = 0; i < x.Length; i++)
            {
                float saved = x[i];
                x[i] = saved + Step;
                double plus = Evaluate(graph, f, weights, out _).ToScalar();
                x[i] = saved - Step;
                double minus = Evaluate(graph, f, weights, out _).ToScalar();
                x[i] = saved;
                double numeric = (plus - minus) / (2 * Step), a = analytic[t][i];
                double allowed = Relative * Math.Max(Math.Abs(a), Math.Abs(numeric)) + Absolute;
                Assert.True(Math.Abs(a - numeric) <= allowed,
                    $"input {t} element {i}: analytic {a:G6}, numeric {numeric:G6} (allowed difference {allowed:G3})");
                compared++;
            }
        }
        return compared;
    }

    private static float[] RandomWeights(Graph graph, Func<Graph, Tensor> f)
    {
        graph.Reset();
        int length = f(graph).Length;
        var random = new Random(length * 7919);
        return [.. Enumerable.Range(0, length).Select(_ => 0.5f + random.NextSingle())];
    }

    private static Tensor Evaluate(Graph graph, Func<Graph, Tensor> f, float[] weights, out Tensor output)
    {
        graph.Reset();
        output = f(graph);
        Tensor w = graph.Constant(output.Shape, weights);
        return graph.Sum(graph.Multiply(output, w));
    }
}
