using Autoencoders.Nn.Layers;

namespace Autoencoders.Interchange.Onnx.Emitters;

/// <summary>Batch normalisation in its inference form: ONNX's BatchNormalization with training_mode 0 computes
/// y = γ (x − moving mean) / √(moving variance + ε) + β per channel (axis 1), as our inference does.</summary>
internal static class BatchNormalizationEmitter
{
    public static string Emit(OnnxGraphBuilder graph, BatchNormalization layer, string input, string path)
    {
        string[] inputs =
        [
            input,
            graph.Initializer($"{path}.gamma", LayerEmitter.ParameterOf(layer, "gamma", path)),
            graph.Initializer($"{path}.beta", LayerEmitter.ParameterOf(layer, "beta", path)),
            graph.Initializer($"{path}.moving_mean", LayerEmitter.ParameterOf(layer, "moving_mean", path)),
            graph.Initializer($"{path}.moving_variance", LayerEmitter.ParameterOf(layer, "moving_variance", path)),
        ];
        return graph.Node("BatchNormalization", inputs, $"{path}.batch_norm",
            OnnxGraphBuilder.Float("epsilon", layer.Epsilon),
            OnnxGraphBuilder.Int("training_mode", 0));
    }
}
