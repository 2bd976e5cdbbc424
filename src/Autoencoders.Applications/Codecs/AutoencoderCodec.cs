using Autoencoders.Data;
using Autoencoders.Nn.Models;

namespace Autoencoders.Applications.Codecs;

/// <summary>A trained <see cref="Autoencoder"/> as a codec. A VAE encodes to its mean (no sampling), as is usual for
/// features and reduction; its reconstructions decode that mean.</summary>
public sealed class AutoencoderCodec(Autoencoder model) : ICodec
{
    public Autoencoder Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    public string Name => Model.Name;

    public int InputSize => Model.InputShape.ElementCount;

    public int CodeSize => Model.CodeSize;

    public float[] Encode(Dataset samples)
    {
        RequireInputSize(samples);
        return Model.Encode(samples);
    }

    public float[] Decode(float[] codes)
    {
        if (codes.Length % CodeSize != 0)
            throw new ArgumentException($"expected whole codes of {CodeSize} values, received {codes.Length} values");
        return Model.Decode(new Dataset(codes, CodeSize));
    }

    public float[] Reconstruct(Dataset samples)
    {
        RequireInputSize(samples);
        return Model.Reconstruct(samples);
    }

    private void RequireInputSize(Dataset samples)
    {
        if (samples.FeatureCount != InputSize)
            throw new ArgumentException($"model {Name} expects samples of {InputSize} values, received {samples.FeatureCount}");
    }
}
