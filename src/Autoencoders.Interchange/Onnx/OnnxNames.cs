namespace Autoencoders.Interchange.Onnx;

/// <summary>The names of the exported graphs' inputs and outputs, and of the metadata keys the exporter writes.</summary>
public static class OnnxNames
{
    public const string Input = "input";
    public const string Output = "output";
    public const string Code = "code";
    public const string Mean = "mu";
    public const string LogVariance = "log_var";

    /// <summary>Metadata key: which part the file holds (autoencoder, encoder, decoder).</summary>
    public const string PartKey = "autoencoders.part";

    /// <summary>Metadata key: the exported model's architecture as our model files store it (JSON).</summary>
    public const string ArchitectureKey = "autoencoders.architecture";

    /// <summary>The part's name as the CLI and the metadata write it.</summary>
    public static string Of(OnnxPart part) => part.ToString().ToLowerInvariant();

    /// <summary>The part called <paramref name="name"/> (autoencoder, encoder, decoder).</summary>
    public static OnnxPart ParsePart(string name) => name.ToLowerInvariant() switch
    {
        "autoencoder" => OnnxPart.Autoencoder,
        "encoder" => OnnxPart.Encoder,
        "decoder" => OnnxPart.Decoder,
        _ => throw new ArgumentException($"expected a part autoencoder, encoder or decoder, received \"{name}\""),
    };
}
