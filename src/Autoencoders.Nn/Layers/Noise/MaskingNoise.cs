using System.Text.Json.Nodes;
using Autoencoders.Data;

namespace Autoencoders.Nn.Layers;

/// <summary>Sets a fraction <see cref="Rate"/> of the inputs, chosen at random while training, to 0 without rescaling
/// the rest: the masking noise of Vincent et al. 2008 (unlike <see cref="Dropout"/>, which rescales).</summary>
public sealed class MaskingNoise : NoiseLayer
{
    public MaskingNoise(float rate)
    {
        Dropout.RequireRate(rate);
        Rate = rate;
    }

    public override string TypeName => "MaskingNoise";

    public float Rate { get; }

    public override void Corrupt(ReadOnlySpan<float> clean, Span<float> noisy, DeterministicRandom random)
    {
        for (int i = 0; i < clean.Length; i++)
            noisy[i] = random.NextFloat() < Rate ? 0f : clean[i];
    }

    public override JsonObject GetConfig() => Config(("rate", Rate));

    internal static MaskingNoise FromConfig(LayerConfig c) => new(c.Real("rate") ?? throw c.Error("MaskingNoise needs \"rate\""));
}
