using Autoencoders.Nn.Layers;

namespace Autoencoders.Interchange.Onnx.Emitters;

/// <summary>Flatten and Reshape, per sample: the batch dimension is kept as it comes (Reshape's 0 copies it).</summary>
internal static class ReshapingEmitter
{
    public static string Emit(OnnxGraphBuilder graph, Flatten layer, string input, string path) =>
        graph.Node("Flatten", [input], $"{path}.flatten", OnnxGraphBuilder.Int("axis", 1));

    // The resolved output shape, not the target with its −1: the file then states every size.
    public static string Emit(OnnxGraphBuilder graph, Reshape layer, string input, string path)
    {
        string shape = graph.Int64Initializer($"{path}.shape", [0, .. layer.OutputShape.ToArray().Select(d => (long)d)]);
        return graph.Node("Reshape", [input, shape], $"{path}.reshape");
    }
}
