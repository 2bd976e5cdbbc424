using Autoencoders.Data;

namespace Autoencoders.Applications.Codecs;

/// <summary>
/// A map from samples to codes and back: a trained autoencoder or PCA. Every application (comparison, anomaly
/// scores, learned features, compression) works through this one interface, so PCA is a baseline everywhere.
/// Arrays are row-major: codes (n, <see cref="CodeSize"/>), samples (n, <see cref="InputSize"/>).
/// </summary>
public interface ICodec
{
    /// <summary>A short name for tables and legends, e.g. "deep" or "pca".</summary>
    string Name { get; }

    int InputSize { get; }

    int CodeSize { get; }

    float[] Encode(Dataset samples);

    /// <summary>Samples from codes; <paramref name="codes"/> holds whole rows of <see cref="CodeSize"/> values.</summary>
    float[] Decode(float[] codes);

    /// <summary>Decode(Encode(samples)), possibly in one pass.</summary>
    float[] Reconstruct(Dataset samples);
}
