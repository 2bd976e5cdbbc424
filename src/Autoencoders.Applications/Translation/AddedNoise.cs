using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Data.Images;
using Autoencoders.Nn.Layers;

namespace Autoencoders.Applications.Translation;

/// <summary>Denoising as a paired task, with the denoising autoencoders' noise kinds made outside the model:
/// <c>gaussian</c> (standard deviation <see cref="Level"/>, clipped to [0, 1]), <c>salt-pepper</c> and <c>masking</c>
/// (that fraction of the values set to 0 or 1, or to 0).</summary>
public sealed class AddedNoise : ImageCorruption
{
    public const string Name = "denoise";

    /// <summary>The kinds, as <c>ae denoise --kind</c> names them.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["gaussian", "salt-pepper", "masking"];

    private readonly NoiseLayer noise;

    public AddedNoise(string kind, float level)
    {
        if (kind == "gaussian")
            noise = level >= 0 && float.IsFinite(level) ? new GaussianNoise(level, 0f, 1f) : throw new ArgumentException($"expected a non-negative noise standard deviation, received {level}");
        else if (!(level >= 0 && level < 1))
            throw new ArgumentException($"expected a fraction in [0, 1) of the values for {kind} noise, received {level}");
        else
            noise = kind switch
            {
                "salt-pepper" => new SaltAndPepperNoise(level),
                "masking" => new MaskingNoise(level),
                _ => throw new ArgumentException($"unknown noise kind '{kind}' (expected {string.Join(", ", Kinds)})"),
            };
        (Kind, Level) = (kind, level);
    }

    public string Kind { get; }

    public float Level { get; }

    public override string Task => Name;

    public override void Apply(ReadOnlySpan<float> clean, Span<float> corrupted, Span<bool> hidden, ImageLayout layout, DeterministicRandom random)
    {
        hidden.Clear();
        noise.Corrupt(clean, corrupted, random);
    }

    public override string Describe() => Kind == "gaussian"
        ? $"denoising: Gaussian noise of σ = {Text(Level)}, clipped to [0, 1]"
        : $"denoising: {Text(Level)} of the values replaced by {(Kind == "masking" ? "0" : "0 or 1")} ({Kind} noise)";

    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("kind", Kind), new("level", Text(Level))];

    private static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
