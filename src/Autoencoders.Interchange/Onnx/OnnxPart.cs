namespace Autoencoders.Interchange.Onnx;

/// <summary>Which part of an autoencoder an ONNX file computes.</summary>
public enum OnnxPart
{
    /// <summary>input → output: what Predict and Reconstruct compute.</summary>
    Autoencoder,

    /// <summary>input → code (a VAE: input → mu, log_var).</summary>
    Encoder,

    /// <summary>code → output.</summary>
    Decoder,
}
