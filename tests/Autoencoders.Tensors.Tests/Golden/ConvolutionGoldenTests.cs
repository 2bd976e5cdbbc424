using System.Text.Json;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Tensors.Tests.Golden;

/// <summary>
/// Conv2D and Conv2DTranspose against F.conv2d and F.conv_transpose2d (conv.json): batches of 3 non-square images,
/// 2 or 3 channels in and out, with and without bias. The output, then the gradients of the input, kernel and bias
/// through L = Σ w ∘ y with PyTorch's fixed random w, on every golden backend.
/// </summary>
public sealed class ConvolutionGoldenTests
{
    private static readonly JsonElement Golden = GoldenFile.Read("conv.json");

    [Theory]
    [InlineData("conv3x3_same")]
    [InlineData("conv3x3_stride2")]
    [InlineData("conv3x3_stride2_padding1")]
    [InlineData("conv5x5_padding2")]
    [InlineData("conv1x1")]
    [InlineData("conv3x3_same_fewer_outputs")]             // 3 → 2 channels: mixes channels first, then sums shifted taps
    [InlineData("conv3x3_stride2_padding1_fewer_outputs")] // 4 → 1, as the decoder's last layer
    [InlineData("transposed3x3_stride2_padding1_output_padding1")]
    [InlineData("transposed3x3_stride1_padding1")]
    [InlineData("transposed3x3_stride2")]
    public void ForwardAndBackwardMatchPyTorch(string name)
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
            Tensor? bias = hasBias ? TestTensors.Leaf(new Shape(yShape[1]), golden.Floats("bias_values")) : null;
            var graph = new Graph(backend);
            Tensor y = transposed
                ? graph.Conv2DTranspose(x, kernel, bias, stride, padding, outputPadding)
                : graph.Conv2D(x, kernel, bias, stride, padding);
            string what = $"{name} on {backend.Name}";
            Assert.Equal(yShape, y.Shape);
            GoldenFile.AssertNear(golden.Floats("y"), y.Span, what + ": y");

            graph.Backward(graph.Sum(graph.Multiply(y, graph.Constant(yShape, golden.Floats("weights")))));
            GoldenFile.AssertNear(golden.Floats("dx"), x.Grad!.Span, what + ": dL/dx");
            GoldenFile.AssertNear(golden.Floats("dkernel"), kernel.Grad!.Span, what + ": dL/dkernel");
            if (bias is not null) GoldenFile.AssertNear(golden.Floats("dbias"), bias.Grad!.Span, what + ": dL/dbias");
        }
    }
}
