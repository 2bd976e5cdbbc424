using Autoencoders.Nn.Layers;

namespace Autoencoders.Interchange.Onnx.Emitters;

/// <summary>MaxPooling2D as MaxPool (no padding, floor sizes: ONNX's defaults) and UpSampling2D as a nearest Resize.</summary>
internal static class PoolingEmitter
{
    public static string Emit(OnnxGraphBuilder graph, MaxPooling2D layer, string input, string path) =>
        graph.Node("MaxPool", [input], $"{path}.max_pool",
            OnnxGraphBuilder.Ints("kernel_shape", layer.PoolSize, layer.PoolSize),
            OnnxGraphBuilder.Ints("strides", layer.Strides, layer.Strides));

    // Output pixel (i, j) copies input pixel (⌊i / s⌋, ⌊j / s⌋): "asymmetric" coordinates with "floor" rounding say
    // exactly that, for an integer factor, whatever a runtime's default nearest mode is.
    public static string Emit(OnnxGraphBuilder graph, UpSampling2D layer, string input, string path)
    {
        string scales = graph.Initializer($"{path}.scales", [1f, 1f, layer.Size, layer.Size], 4);
        return graph.Node("Resize", [input, "", scales], $"{path}.upsample",
            OnnxGraphBuilder.Text("mode", "nearest"),
            OnnxGraphBuilder.Text("coordinate_transformation_mode", "asymmetric"),
            OnnxGraphBuilder.Text("nearest_mode", "floor"));
    }
}
