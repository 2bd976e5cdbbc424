using Autoencoders.Data;
using Autoencoders.Data.Images;

namespace Autoencoders.Applications.Translation;

/// <summary>Deblurring: each channel blurred by a Gaussian of standard deviation sigma (scipy's gaussian_filter, reflected edges).</summary>
public sealed class Blurring : ImageCorruption
{
    public const string Name = "deblur";

    private readonly SeparableFilter filter;

    // Apply runs per image as batches are made, on whichever thread copies them: each thread keeps its own row pass.
    [ThreadStatic] private static float[]? scratchPlane;

    public Blurring(double sigma)
    {
        if (!(sigma > 0) || !double.IsFinite(sigma)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "expected a positive blur sigma");
        Sigma = sigma;
        filter = SeparableFilter.Gaussian(sigma);
    }

    public double Sigma { get; }

    public override string Task => Name;

    public override void Apply(ReadOnlySpan<float> clean, Span<float> corrupted, Span<bool> hidden, ImageLayout layout, DeterministicRandom random)
    {
        hidden.Clear();
        if (scratchPlane is null || scratchPlane.Length < layout.PlaneSize) scratchPlane = new float[layout.PlaneSize];
        var scratch = scratchPlane.AsSpan(0, layout.PlaneSize);
        for (int c = 0; c < layout.Channels; c++)
            filter.Apply(clean.Slice(c * layout.PlaneSize, layout.PlaneSize), corrupted.Slice(c * layout.PlaneSize, layout.PlaneSize), layout.Height, layout.Width, scratch);
    }

    public override string Describe() => $"deblurring: a Gaussian blur of σ = {Invariant(Sigma)} pixels";

    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("sigma", Invariant(Sigma))];
}
