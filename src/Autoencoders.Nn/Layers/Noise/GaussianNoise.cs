using System.Text.Json.Nodes;
using Autoencoders.Data;

namespace Autoencoders.Nn.Layers;

/// <summary>Adds N(0, σ²) noise while training (Keras's GaussianNoise), optionally clipped to [min, max], as the
/// seeds' denoising autoencoder does: x̃ = clip(x + σ·z, 0, 1) with σ the noise factor.</summary>
public sealed class GaussianNoise : NoiseLayer
{
    public GaussianNoise(float stddev, float? clipMinimum = null, float? clipMaximum = null)
    {
        if (!(stddev >= 0f) || !float.IsFinite(stddev))
            throw new ArgumentException($"expected a non-negative noise standard deviation, received {stddev}");
        if (clipMinimum > clipMaximum)
            throw new ArgumentException($"expected clip minimum ≤ maximum, received {clipMinimum} > {clipMaximum}");
        (Stddev, ClipMinimum, ClipMaximum) = (stddev, clipMinimum, clipMaximum);
    }

    public override string TypeName => "GaussianNoise";

    public float Stddev { get; }

    public float? ClipMinimum { get; }

    public float? ClipMaximum { get; }

    public override void Corrupt(ReadOnlySpan<float> clean, Span<float> noisy, DeterministicRandom random)
    {
        float low = ClipMinimum ?? float.NegativeInfinity, high = ClipMaximum ?? float.PositiveInfinity;
        for (int i = 0; i < clean.Length; i++)
            noisy[i] = Math.Clamp(clean[i] + Stddev * random.NextGaussian(), low, high);
    }

    public override JsonObject GetConfig() => Config(("stddev", Stddev), ("clip_min", ClipMinimum), ("clip_max", ClipMaximum));

    internal static GaussianNoise FromConfig(LayerConfig c) =>
        new(c.Real("stddev") ?? throw c.Error("GaussianNoise needs \"stddev\""), c.Real("clip_min"), c.Real("clip_max"));
}
