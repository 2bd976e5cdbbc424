using Autoencoders.Data;
using Autoencoders.Interchange.Onnx.Emitters;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;
using Google.Protobuf;
using Onnx;

namespace Autoencoders.Interchange.Onnx;

/// <summary>
/// A trained model, or one of its parts, as an ONNX model (https://onnx.ai, opset 17, IR version 8) that computes what
/// our inference computes: noise layers and Dropout are the identity, batch normalisation uses its moving statistics,
/// and a VAE's code is its mean μ. Inputs and outputs have a symbolic first dimension, <c>batch</c>; the initializers
/// are named as the parameters in our model files (<c>encoder.0.kernel</c>). See docs/onnx-export.md.
/// </summary>
public static class OnnxExporter
{
    public const int OpsetVersion = 17;

    /// <summary>IR version 8 is the one that came with opset 17 (ONNX 1.12).</summary>
    public const long IrVersion = 8;

    public const string ProducerName = "Autoencoders for .NET";

    /// <summary>The ONNX model of <paramref name="part"/>; <paramref name="metadata"/> (e.g. a data scaler) goes into
    /// its metadata_props. Throws <see cref="NotSupportedException"/> naming the first layer that has no export, and
    /// <see cref="ArgumentException"/> for an encoder or decoder part of a model that is not an autoencoder.</summary>
    public static ModelProto Export(Model model, OnnxPart part = OnnxPart.Autoencoder, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!model.IsBuilt)
            throw new InvalidOperationException($"model {model.Name} is not built: its input shape is unknown");
        var graph = new OnnxGraphBuilder(model.Name);
        switch (model)
        {
            case Autoencoder { IsStack: false }:
                throw new ArgumentException($"model {model.Name} has an encoder or decoder that is a graph (skip connections or shared layers): the ONNX export writes stacks of layers only");
            case Autoencoder autoencoder:
                BuildAutoencoderPart(graph, autoencoder, part);
                break;
            case Functional:
                throw new ArgumentException($"model {model.Name} is a functional model (a graph of layers): the ONNX export writes stacks of layers only");
            case Sequential sequential when part == OnnxPart.Autoencoder:
                string output = EmitStack(graph, sequential.NamedLayers, graph.AddInput(OnnxNames.Input, model.InputShape));
                graph.AddOutput(output, OnnxNames.Output, model.OutputShape);
                break;
            default:
                throw new ArgumentException($"model {model.Name} is a plain {model.GetType().Name} without an encoder and a decoder: expected the part autoencoder, received {OnnxNames.Of(part)}");
        }
        var onnx = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0",
            DocString = $"the {OnnxNames.Of(part)} part of model {model.Name}, exported by {ProducerName}",
            Graph = graph.Graph,
        };
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        var properties = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [OnnxNames.PartKey] = OnnxNames.Of(part),
            [OnnxNames.ArchitectureKey] = ModelArchitecture.ToJson(model).ToJsonString(),
        };
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>()) properties[key] = value;
        foreach (var (key, value) in properties) onnx.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return onnx;
    }

    /// <summary>Writes the model atomically: readers see the old file or the whole new one, never a part.</summary>
    public static void Save(ModelProto onnx, string path) => AtomicFile.Write(path, stream => onnx.WriteTo(stream));

    private static void BuildAutoencoderPart(OnnxGraphBuilder graph, Autoencoder model, OnnxPart part)
    {
        // The model's own paths (encoder.0, …, decoder.0, …), which name the initializers as the model file names tensors.
        var named = model.NamedLayers.ToList();
        var (encoder, decoder) = (named[..model.Encoder.Count], named[model.Encoder.Count..]);
        switch (part)
        {
            case OnnxPart.Autoencoder:
                string code = EmitStack(graph, encoder, graph.AddInput(OnnxNames.Input, model.InputShape));
                graph.AddOutput(EmitStack(graph, decoder, code), OnnxNames.Output, model.OutputShape);
                break;
            case OnnxPart.Encoder when model.Latent is { } latent:
                // μ and log σ² side by side, from the layers before the code layer.
                var (path, _) = encoder[^1];
                string hidden = EmitStack(graph, encoder[..^1], graph.AddInput(OnnxNames.Input, model.InputShape));
                graph.AddOutput(GaussianLatentEmitter.Mean(graph, latent, hidden, path), OnnxNames.Mean, model.CodeShape);
                graph.AddOutput(GaussianLatentEmitter.LogVariance(graph, latent, hidden, path), OnnxNames.LogVariance, model.CodeShape);
                break;
            case OnnxPart.Encoder:
                graph.AddOutput(EmitStack(graph, encoder, graph.AddInput(OnnxNames.Input, model.InputShape)), OnnxNames.Code, model.CodeShape);
                break;
            case OnnxPart.Decoder:
                graph.AddOutput(EmitStack(graph, decoder, graph.AddInput(OnnxNames.Code, model.CodeShape)), OnnxNames.Output, model.OutputShape);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(part), $"expected autoencoder, encoder or decoder, received {part}");
        }
    }

    private static string EmitStack(OnnxGraphBuilder graph, IEnumerable<(string Path, Layer Layer)> layers, string input)
    {
        foreach (var (path, layer) in layers) input = LayerEmitter.Emit(graph, layer, input, path);
        return input;
    }
}
