using System.Text.Json;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Tensors.Tests.Golden;

/// <summary>
/// The `conv` network of shared/bench/torch_reference.py, composed from Graph ops, against PyTorch (conv_network.json):
/// Conv(1→32, 3, same) + ReLU + MaxPool 2, Conv(32→32) + ReLU + MaxPool 2, ConvTranspose(32→32, 3, stride 2,
/// padding 1, output padding 1) + ReLU twice, Conv(32→1, 3, same) + sigmoid, BCE against the input; a batch of 4
/// images 28×28. The loss and the gradient of every parameter (28,353 values).
/// <para>The input and parameters are the script's LCG stream, rebuilt here exactly (the file holds their sums to
/// prove it). Tolerance: 1e-4 relative, plus 1e-5 of the largest gradient of the same tensor for the elements that are
/// sums of many cancelling terms (measured here: at most 1.7e-6 of the largest, on all three backends).</para>
/// </summary>
public sealed class ConvolutionNetworkGoldenTests
{
    private const double Relative = 1e-4, OfLargest = 1e-5;

    private static readonly JsonElement Golden = GoldenFile.Read("conv_network.json");

    [Theory]
    [InlineData("parallel")] // 4 images in 4 chunks on 3 threads
    [InlineData("single-threaded")]
    [InlineData("managed")]
    public void LossAndEveryGradientMatchPyTorch(string backendName)
    {
        var backend = backendName switch
        {
            "parallel" => TestBackends.Parallel,
            "single-threaded" => TestBackends.SingleThreaded,
            _ => TestBackends.Managed,
        };
        var (x, parameters) = Inputs();
        var graph = new Graph(backend);
        Tensor P(string name) => parameters[name];

        Tensor h = x;
        foreach (string c in new[] { "c1", "c2" })
            h = graph.MaxPool2D(graph.Relu(graph.Conv2D(h, P(c + ".weight"), P(c + ".bias"), stride: 1, padding: 1)), pool: 2, stride: 2);
        foreach (string t in new[] { "t1", "t2" })
            h = graph.Relu(graph.Conv2DTranspose(h, P(t + ".weight"), P(t + ".bias"), stride: 2, padding: 1, outputPadding: 1));
        Tensor y = graph.Sigmoid(graph.Conv2D(h, P("c3.weight"), P("c3.bias"), stride: 1, padding: 1));
        Tensor loss = graph.BinaryCrossEntropy(y, x);
        graph.Backward(loss);

        string what = $"conv network on {backend.Name}";
        Near.One(Golden.Single("loss"), loss.ToScalar(), Relative, 0, what + ": loss");
        foreach (var (name, parameter) in parameters)
        {
            float[] expected = Golden.GetProperty("gradients").Floats(name);
            double largest = expected.Max(v => Math.Abs((double)v));
            Near.All([.. expected.Select(v => (double)v)], parameter.Grad!.Span, Relative, OfLargest * largest,
                $"{what}: dL/d{name} (PyTorch vs ours)");
        }
    }

    /// <summary>The input (4, 1, 28, 28) and the parameters, drawn from the script's LCG in its order.</summary>
    private static (Tensor X, Dictionary<string, Tensor> Parameters) Inputs()
    {
        var lcg = new Lcg((uint)Golden.GetProperty("seed").GetInt32());
        JsonElement sums = Golden.GetProperty("sums");
        int batch = Golden.GetProperty("batch").GetInt32();
        var x = new Tensor(new Shape(batch, 1, 28, 28), lcg.Unit(batch * 28 * 28));
        AssertSum(sums, "x", x);
        var parameters = new Dictionary<string, Tensor>();
        foreach (JsonElement p in Golden.GetProperty("parameters").EnumerateArray())
        {
            string name = p.GetProperty("name").GetString()!;
            Shape shape = p.Shape("shape");
            parameters[name] = TestTensors.Leaf(shape, lcg.Symmetric(shape.ElementCount, p.Single("scale")));
            AssertSum(sums, name, parameters[name]);
        }
        return (x, parameters);
    }

    // Every value is a multiple of 2⁻¹⁶ or of 2⁻¹⁵ · scale below 1, so the sums are exact in double, in any order.
    private static void AssertSum(JsonElement sums, string name, Tensor t)
    {
        double sum = 0;
        foreach (float v in t.Span) sum += v;
        Assert.True(sums.GetProperty(name).GetDouble() == sum,
            $"{name}: the values drawn here sum to {sum:R}, the script's to {sums.GetProperty(name).GetDouble():R}; the LCG differs from make_conv_golden.py's");
    }

    /// <summary>make_conv_golden.py's LCG (Numerical Recipes): state = 1664525 · state + 1013904223 mod 2³², each value
    /// the top 16 bits h, as h / 2¹⁶ or (h − 2¹⁵) / 2¹⁵ · scale: exact in float32.</summary>
    private sealed class Lcg(uint state)
    {
        private uint Next16()
        {
            state = unchecked(1664525u * state + 1013904223u);
            return state >> 16;
        }

        public float[] Unit(int count) => [.. Enumerable.Range(0, count).Select(_ => Next16() / 65536f)];

        public float[] Symmetric(int count, float scale) =>
            [.. Enumerable.Range(0, count).Select(_ => ((int)Next16() - 32768) / 32768f * scale)];
    }
}
