using Autoencoders.Nn.Layers;

namespace Autoencoders.Interchange.Onnx.Emitters;

/// <summary>Conv1D as Conv and Conv1DTranspose as ConvTranspose on one spatial axis. ONNX's convolutions are channels
/// first, (N, C, T), and our sequences channels last, (N, T, C): each is wrapped in a Transpose either side. The kernels
/// are PyTorch's layouts, which are ONNX's, (filters, C, k) and (C, filters, k), so they are stored as they are.</summary>
internal static class SequenceConvolutionEmitter
{
    public static string Emit(OnnxGraphBuilder graph, Conv1D layer, string input, string path)
    {
        long steps = layer.Padding.For(layer.KernelSize);
        string output = graph.Node("Conv", Inputs(graph, layer, layer.UseBias, ChannelsFirst(graph, input, path), path), $"{path}.conv",
            OnnxGraphBuilder.Ints("kernel_shape", layer.KernelSize),
            OnnxGraphBuilder.Ints("strides", layer.Strides),
            OnnxGraphBuilder.Ints("pads", steps, steps));
        return ActivationEmitter.Apply(graph, layer.Activation, ChannelsLast(graph, output, path), path);
    }

    public static string Emit(OnnxGraphBuilder graph, Conv1DTranspose layer, string input, string path)
    {
        var (steps, outputPadding) = layer.StepsAndOutputPadding();
        string output = graph.Node("ConvTranspose", Inputs(graph, layer, layer.UseBias, ChannelsFirst(graph, input, path), path), $"{path}.conv_transpose",
            OnnxGraphBuilder.Ints("kernel_shape", layer.KernelSize),
            OnnxGraphBuilder.Ints("strides", layer.Strides),
            OnnxGraphBuilder.Ints("pads", steps, steps),
            OnnxGraphBuilder.Ints("output_padding", outputPadding));
        return ActivationEmitter.Apply(graph, layer.Activation, ChannelsLast(graph, output, path), path);
    }

    // (N, T, C) → (N, C, T) and back: the same swap of the last two axes.
    private static string ChannelsFirst(OnnxGraphBuilder graph, string input, string path) =>
        graph.Node("Transpose", [input], $"{path}.channels_first", OnnxGraphBuilder.Ints("perm", 0, 2, 1));

    private static string ChannelsLast(OnnxGraphBuilder graph, string input, string path) =>
        graph.Node("Transpose", [input], $"{path}.channels_last", OnnxGraphBuilder.Ints("perm", 0, 2, 1));

    private static List<string> Inputs(OnnxGraphBuilder graph, Layer layer, bool useBias, string input, string path)
    {
        List<string> inputs = [input, graph.Initializer($"{path}.kernel", LayerEmitter.ParameterOf(layer, "kernel", path))];
        if (useBias) inputs.Add(graph.Initializer($"{path}.bias", LayerEmitter.ParameterOf(layer, "bias", path)));
        return inputs;
    }
}
