using Autoencoders.Nn.Layers;

namespace Autoencoders.Interchange.Onnx.Emitters;

/// <summary>Dense as Gemm: y = activation(x · W + b), W (inputs, units) stored as it is, no transpose. Its activity
/// and kernel regularizers are training penalties and leave no trace.</summary>
internal static class DenseEmitter
{
    public static string Emit(OnnxGraphBuilder graph, Dense layer, string input, string path)
    {
        string flat = FlattenIfImage(graph, layer, input, path);
        List<string> inputs = [flat, graph.Initializer($"{path}.kernel", LayerEmitter.ParameterOf(layer, "kernel", path))];
        if (layer.UseBias) inputs.Add(graph.Initializer($"{path}.bias", LayerEmitter.ParameterOf(layer, "bias", path)));
        string linear = graph.Node("Gemm", inputs, $"{path}.linear");
        return ActivationEmitter.Apply(graph, layer.Activation, linear, path);
    }

    /// <summary>Dense reads a (C, H, W) sample as one flat vector, as a Flatten before it would; Gemm needs that Flatten.</summary>
    internal static string FlattenIfImage(OnnxGraphBuilder graph, Layer layer, string input, string path) =>
        layer.InputShape.Rank > 1 ? graph.Node("Flatten", [input], $"{path}.flat", OnnxGraphBuilder.Int("axis", 1)) : input;
}
