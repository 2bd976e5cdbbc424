using Autoencoders.Nn.Layers;

namespace Autoencoders.Interchange.Onnx.Emitters;

/// <summary>A VAE's code layer at inference: two Gemms give μ and log σ². Our inference (Predict, Reconstruct, Encode)
/// outputs μ, not a sample, so the autoencoder part decodes μ and the sampling step is not exported.</summary>
internal static class GaussianLatentEmitter
{
    public static string Mean(OnnxGraphBuilder graph, GaussianLatent layer, string input, string path) =>
        Linear(graph, layer, input, path, "mean");

    public static string LogVariance(OnnxGraphBuilder graph, GaussianLatent layer, string input, string path) =>
        Linear(graph, layer, input, path, "log_variance");

    private static string Linear(OnnxGraphBuilder graph, GaussianLatent layer, string input, string path, string which)
    {
        string flat = DenseEmitter.FlattenIfImage(graph, layer, input, path);
        string kernel = graph.Initializer($"{path}.{which}_kernel", LayerEmitter.ParameterOf(layer, $"{which}_kernel", path));
        string bias = graph.Initializer($"{path}.{which}_bias", LayerEmitter.ParameterOf(layer, $"{which}_bias", path));
        return graph.Node("Gemm", [flat, kernel, bias], $"{path}.{which}");
    }
}
