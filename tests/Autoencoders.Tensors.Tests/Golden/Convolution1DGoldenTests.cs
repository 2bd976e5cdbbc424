using System.Text.Json;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Tensors.Tests.Golden;

/// <summary>
/// The sequence ops on (N, T, C) against PyTorch (conv1d.json, tools/golden/make_conv1d_golden.py): Conv1D and
/// Conv1DTranspose against F.conv1d and F.conv_transpose1d, MaxPool1D and UpSample1D against F.max_pool1d and nearest
/// interpolation, and the masked global mean and maximum over time against the same sums written in torch ops. The
/// output, then the gradients through L = Σ w ∘ y with PyTorch's fixed random w, on every golden backend.
/// </summary>
public sealed class Convolution1DGoldenTests
{
    private static readonly JsonElement Golden = GoldenFile.Read("conv1d.json");

    [Theory]
    [InlineData("conv1d_k5_same")]
    [InlineData("conv1d_k7_stride2_padding3")]
    [InlineData("conv1d_k7_stride2_padding3_even")]
    [InlineData("conv1d_k3_stride2_odd")]
    [InlineData("conv1d_k1")]
    [InlineData("conv1d_k3_fewer_outputs")]
    [InlineData("transposed1d_k7_stride2_padding3_output_padding1")]
    [InlineData("transposed1d_k7_stride1_padding3")]
    [InlineData("transposed1d_k3_stride2")]
    [InlineData("transposed1d_k4_stride3_padding1_output_padding2")]
    public void ConvolutionsMatchPyTorch(string name)
    {
        JsonElement golden = Golden.Case(name);
        bool transposed = golden.GetProperty("transposed").GetBoolean(), hasBias = golden.GetProperty("bias").GetBoolean();
        int stride = golden.GetProperty("stride").GetInt32(), padding = golden.GetProperty("padding").GetInt32();
        int outputPadding = golden.GetProperty("output_padding").GetInt32();
        Shape yShape = golden.Shape("y_shape");
        foreach (var backend in GoldenFile.Backends)
        {
            var x = TestTensors.Leaf(golden.Shape("x_shape"), golden.Floats("x"));
            var kernel = TestTensors.Leaf(golden.Shape("kernel_shape"), golden.Floats("kernel"));
            Tensor? bias = hasBias ? TestTensors.Leaf(new Shape(yShape[2]), golden.Floats("bias_values")) : null;
            var graph = new Graph(backend);
            Tensor y = transposed
                ? graph.Conv1DTranspose(x, kernel, bias, stride, padding, outputPadding)
                : graph.Conv1D(x, kernel, bias, stride, padding);
            string what = $"{name} on {backend.Name}";
            Assert.Equal(yShape, y.Shape);
            GoldenFile.AssertNear(golden.Floats("y"), y.Span, what + ": y");

            graph.Backward(graph.Sum(graph.Multiply(y, graph.Constant(yShape, golden.Floats("weights")))));
            GoldenFile.AssertNear(golden.Floats("dx"), x.Grad!.Span, what + ": dL/dx");
            GoldenFile.AssertNear(golden.Floats("dkernel"), kernel.Grad!.Span, what + ": dL/dkernel");
            if (bias is not null) GoldenFile.AssertNear(golden.Floats("dbias"), bias.Grad!.Span, what + ": dL/dbias");
        }
    }

    [Theory]
    [InlineData("max_pool1d_2")]
    [InlineData("max_pool1d_3_stride2")]
    [InlineData("max_pool1d_3_stride2_ties")] // the gradient goes to each window's first maximum
    [InlineData("upsample1d_2")]
    [InlineData("upsample1d_3")]
    public void ResamplingMatchesPyTorch(string name)
    {
        JsonElement golden = Golden.Case(name);
        int pool = golden.GetProperty("pool").GetInt32(), stride = golden.GetProperty("stride").GetInt32(), factor = golden.GetProperty("factor").GetInt32();
        AssertForwardAndBackward(golden, name, (graph, x) => factor > 0 ? graph.UpSample1D(x, factor) : graph.MaxPool1D(x, pool, stride));
    }

    [Theory]
    [InlineData("global_average_masked")]
    [InlineData("global_max_masked")]
    public void MaskedGlobalPoolingMatchesTorchOps(string name)
    {
        JsonElement golden = Golden.Case(name);
        Shape xShape = golden.Shape("x_shape");
        var mask = new Tensor(new Shape(xShape[0], xShape[1]), golden.Floats("mask"));
        bool average = golden.GetProperty("kind").GetString() == "average";
        AssertForwardAndBackward(golden, name, (graph, x) => average ? graph.GlobalAveragePool1D(x, mask) : graph.GlobalMaxPool1D(x, mask));
    }

    private static void AssertForwardAndBackward(JsonElement golden, string name, Func<Graph, Tensor, Tensor> op)
    {
        foreach (var backend in GoldenFile.Backends)
        {
            var x = TestTensors.Leaf(golden.Shape("x_shape"), golden.Floats("x"));
            var graph = new Graph(backend);
            Tensor y = op(graph, x);
            string what = $"{name} on {backend.Name}";
            GoldenFile.AssertNear(golden.Floats("y"), y.Span, what + ": y");
            graph.Backward(graph.Sum(graph.Multiply(y, graph.Constant(y.Shape, golden.Floats("weights")))));
            GoldenFile.AssertNear(golden.Floats("dx"), x.Grad!.Span, what + ": dL/dx");
        }
    }
}
