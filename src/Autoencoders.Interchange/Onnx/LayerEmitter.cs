using Autoencoders.Interchange.Onnx.Emitters;
using Autoencoders.Nn.Layers;
using Autoencoders.Tensors;

namespace Autoencoders.Interchange.Onnx;

/// <summary>
/// One layer's inference as ONNX nodes, by layer family. Layers that are the identity at inference (the noise layers
/// of denoising autoencoders, Dropout) add nothing. A layer outside the closed list fails with a message naming it.
/// </summary>
internal static class LayerEmitter
{
    /// <summary>Emits <paramref name="layer"/> (at <paramref name="path"/>, e.g. <c>encoder.0</c>) on <paramref name="input"/>;
    /// returns the name of its output.</summary>
    public static string Emit(OnnxGraphBuilder graph, Layer layer, string input, string path) => layer switch
    {
        Dense dense => DenseEmitter.Emit(graph, dense, input, path),
        GaussianLatent latent => GaussianLatentEmitter.Mean(graph, latent, input, path),
        ActivationLayer activation => ActivationEmitter.Emit(graph, activation, input, path),
        Conv2D convolution => ConvolutionEmitter.Emit(graph, convolution, input, path),
        Conv2DTranspose transposed => ConvolutionEmitter.Emit(graph, transposed, input, path),
        Conv1D convolution => SequenceConvolutionEmitter.Emit(graph, convolution, input, path),
        Conv1DTranspose transposed => SequenceConvolutionEmitter.Emit(graph, transposed, input, path),
        MaxPooling2D pooling => PoolingEmitter.Emit(graph, pooling, input, path),
        UpSampling2D upsampling => PoolingEmitter.Emit(graph, upsampling, input, path),
        BatchNormalization normalization => BatchNormalizationEmitter.Emit(graph, normalization, input, path),
        Flatten flatten => ReshapingEmitter.Emit(graph, flatten, input, path),
        Reshape reshape => ReshapingEmitter.Emit(graph, reshape, input, path),
        NoiseLayer or Dropout => input,
        _ => throw new NotSupportedException($"{path} {layer}: layer type {layer.TypeName} has no ONNX export"),
    };

    /// <summary>The layer's parameter called <paramref name="name"/>.</summary>
    internal static Tensor ParameterOf(Layer layer, string name, string path) =>
        layer.Parameters.FirstOrDefault(p => p.Name == name)?.Value
        ?? throw new InvalidOperationException($"{path} {layer}: expected a parameter {name}, received {string.Join(", ", layer.Parameters.Select(p => p.Name))}");
}
