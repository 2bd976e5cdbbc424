using Autoencoders.Nn.Layers;

namespace Autoencoders.Interchange.Onnx.Emitters;

/// <summary>Conv2D as Conv and Conv2DTranspose as ConvTranspose. Our kernels already have ONNX's (and PyTorch's)
/// layouts, (filters, C, k, k) and (C, filters, k, k), and our padding is symmetric, so they are stored as they are.</summary>
internal static class ConvolutionEmitter
{
    public static string Emit(OnnxGraphBuilder graph, Conv2D layer, string input, string path)
    {
        long pixels = layer.Padding.For(layer.KernelSize);
        string output = graph.Node("Conv", Inputs(graph, layer, layer.UseBias, input, path), $"{path}.conv",
            OnnxGraphBuilder.Ints("kernel_shape", layer.KernelSize, layer.KernelSize),
            OnnxGraphBuilder.Ints("strides", layer.Strides, layer.Strides),
            OnnxGraphBuilder.Ints("pads", pixels, pixels, pixels, pixels));
        return ActivationEmitter.Apply(graph, layer.Activation, output, path);
    }

    // ONNX's output size, s·(H − 1) + output_padding + k − 2p, is PyTorch's, which ours follows.
    public static string Emit(OnnxGraphBuilder graph, Conv2DTranspose layer, string input, string path)
    {
        var (pixels, outputPadding) = layer.PixelsAndOutputPadding();
        string output = graph.Node("ConvTranspose", Inputs(graph, layer, layer.UseBias, input, path), $"{path}.conv_transpose",
            OnnxGraphBuilder.Ints("kernel_shape", layer.KernelSize, layer.KernelSize),
            OnnxGraphBuilder.Ints("strides", layer.Strides, layer.Strides),
            OnnxGraphBuilder.Ints("pads", pixels, pixels, pixels, pixels),
            OnnxGraphBuilder.Ints("output_padding", outputPadding, outputPadding));
        return ActivationEmitter.Apply(graph, layer.Activation, output, path);
    }

    private static List<string> Inputs(OnnxGraphBuilder graph, Layer layer, bool useBias, string input, string path)
    {
        List<string> inputs = [input, graph.Initializer($"{path}.kernel", LayerEmitter.ParameterOf(layer, "kernel", path))];
        if (useBias) inputs.Add(graph.Initializer($"{path}.bias", LayerEmitter.ParameterOf(layer, "bias", path)));
        return inputs;
    }
}
