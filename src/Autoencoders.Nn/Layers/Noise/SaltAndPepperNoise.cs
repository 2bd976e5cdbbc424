using System.Text.Json.Nodes;
using Autoencoders.Data;

namespace Autoencoders.Nn.Layers;

/// <summary>Sets a fraction <see cref="Rate"/> of the inputs, chosen at random while training, to the minimum or the
/// maximum (0 or 1) with equal odds (Vincent et al. 2010, §4.1).</summary>
public sealed class SaltAndPepperNoise : NoiseLayer
{
    public SaltAndPepperNoise(float rate, float low = 0f, float high = 1f)
    {
        Dropout.RequireRate(rate);
        (Rate, Low, High) = (rate, low, high);
    }

    public override string TypeName => "SaltAndPepperNoise";

    public float Rate { get; }

    public float Low { get; }

    public float High { get; }

    public override void Corrupt(ReadOnlySpan<float> clean, Span<float> noisy, DeterministicRandom random)
    {
        for (int i = 0; i < clean.Length; i++)
        {
            float draw = random.NextFloat();
            noisy[i] = draw >= Rate ? clean[i] : draw < Rate / 2 ? Low : High;
        }
    }

    public override JsonObject GetConfig() => Config(("rate", Rate), ("low", Low), ("high", High));

    internal static SaltAndPepperNoise FromConfig(LayerConfig c) =>
        new(c.Real("rate") ?? throw c.Error("SaltAndPepperNoise needs \"rate\""), c.Real("low") ?? 0f, c.Real("high") ?? 1f);
}
