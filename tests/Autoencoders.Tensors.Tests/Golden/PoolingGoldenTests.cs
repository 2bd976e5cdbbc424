using System.Text.Json;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Tensors.Tests.Golden;

/// <summary>MaxPool2D and UpSample2D against F.max_pool2d and nn.UpsamplingNearest2d (pooling.json): the output and
/// the input gradient through L = Σ w ∘ y, on every golden backend. Pooling inputs are distinct, so that there are no
/// ties, except in the cases that check the choice on ties.</summary>
public sealed class PoolingGoldenTests
{
    private static readonly JsonElement Golden = GoldenFile.Read("pooling.json");

    [Theory]
    [InlineData("max_pool2")]         // 7×9 → 3×4, floor: the last row and column are read by no window
    [InlineData("max_pool3_stride2")] // overlapping windows: a pixel may be the maximum of two and get both gradients
    [InlineData("max_pool2_ties")]    // values from {0, 0.25, 0.5}: the gradient goes to the first maximum (2×2 has its own kernel)
    [InlineData("max_pool3_stride2_ties")]
    [InlineData("upsample_nearest2")]
    public void ForwardAndBackwardMatchPyTorch(string name)
    {
        JsonElement golden = Golden.Case(name);
        int pool = golden.GetProperty("pool").GetInt32(), stride = golden.GetProperty("stride").GetInt32();
        int factor = golden.GetProperty("factor").GetInt32();
        Shape yShape = golden.Shape("y_shape");

        foreach (var backend in GoldenFile.Backends)
        {
            var x = TestTensors.Leaf(golden.Shape("x_shape"), golden.Floats("x"));
            var graph = new Graph(backend);
            Tensor y = factor > 0 ? graph.UpSample2D(x, factor) : graph.MaxPool2D(x, pool, stride);
            string what = $"{name} on {backend.Name}";
            Assert.Equal(yShape, y.Shape);
            GoldenFile.AssertNear(golden.Floats("y"), y.Span, what + ": y");

            graph.Backward(graph.Sum(graph.Multiply(y, graph.Constant(yShape, golden.Floats("weights")))));
            GoldenFile.AssertNear(golden.Floats("dx"), x.Grad!.Span, what + ": dL/dx");
        }
    }
}
