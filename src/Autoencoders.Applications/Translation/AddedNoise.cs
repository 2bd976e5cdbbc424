using Autoencoders.Data;
using Autoencoders.Data.Images;
using Autoencoders.Nn.Layers;

namespace Autoencoders.Applications.Translation;

/// <summary>Denoising as a paired task: Gaussian noise of standard deviation stddev, clipped to [0, 1], the corruption of
/// the denoising autoencoder's <see cref="GaussianNoise"/> layer, made outside the model.</summary>
public sealed class AddedNoise : ImageCorruption
{
    public const string Name = "denoise";

    private readonly GaussianNoise noise;

    public AddedNoise(float stddev)
    {
        noise = new GaussianNoise(stddev, 0f, 1f);
        Stddev = stddev;
    }

    public float Stddev { get; }

    public override string Task => Name;

    public override void Apply(ReadOnlySpan<float> clean, Span<float> corrupted, Span<bool> hidden, ImageLayout layout, DeterministicRandom random)
    {
        hidden.Clear();
        noise.Corrupt(clean, corrupted, random);
    }

    public override string Describe() => $"denoising: Gaussian noise of σ = {Stddev.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, clipped to [0, 1]";

    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("stddev", Stddev.ToString("R", System.Globalization.CultureInfo.InvariantCulture))];
}
