using Autoencoders.Nn.Layers;

namespace Autoencoders.Interchange.Onnx.Emitters;

/// <summary>Our named activations as ONNX operators; linear adds no node.</summary>
internal static class ActivationEmitter
{
    /// <summary>The node for <paramref name="activation"/> applied to <paramref name="input"/>; returns the output's name.</summary>
    public static string Apply(OnnxGraphBuilder graph, Activation activation, string input, string path) => activation.Name switch
    {
        "linear" => input,
        "relu" => graph.Node("Relu", [input], $"{path}.relu"),
        // The same slope as Activation.Apply (graph.LeakyRelu(x, 0.01f)).
        "leaky_relu" => graph.Node("LeakyRelu", [input], $"{path}.leaky_relu", OnnxGraphBuilder.Float("alpha", 0.01f)),
        "sigmoid" => graph.Node("Sigmoid", [input], $"{path}.sigmoid"),
        "tanh" => graph.Node("Tanh", [input], $"{path}.tanh"),
        "softplus" => graph.Node("Softplus", [input], $"{path}.softplus"),
        // Graph.Softmax normalises over the last dimension, which is opset 13's default axis too.
        "softmax" => graph.Node("Softmax", [input], $"{path}.softmax", OnnxGraphBuilder.Int("axis", -1)),
        _ => throw new NotSupportedException($"{path}: activation {activation.Name} has no ONNX export"),
    };

    public static string Emit(OnnxGraphBuilder graph, ActivationLayer layer, string input, string path) =>
        Apply(graph, layer.Activation, input, path);
}
