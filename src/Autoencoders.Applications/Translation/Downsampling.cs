using Autoencoders.Data;
using Autoencoders.Data.Images;

namespace Autoencoders.Applications.Translation;

/// <summary>Super-resolution: the image area-downsampled by the factor, then shown to the model at full size with each
/// low-resolution pixel repeated (nearest upsampling, which keeps exactly what the small image holds); the model
/// restores the detail.</summary>
public sealed class Downsampling(int factor) : ImageCorruption
{
    public const string Name = "superres";

    public int Factor { get; } = factor >= 2 ? factor : throw new ArgumentOutOfRangeException(nameof(factor), factor, "expected a factor of 2 or more");

    // Apply runs per image as batches are made, on whichever thread copies them: the taps are shared (immutable; two
    // threads that both build them first keep either), the scratch is each thread's own.
    private ImageUpsampler? upsampler;
    [ThreadStatic] private static float[]? scratch;

    public override string Task => Name;

    public override void Validate(ImageLayout layout)
    {
        if (layout.Height % Factor != 0 || layout.Width % Factor != 0)
            throw new ArgumentException($"a {layout} image cannot be downsampled by {Factor}: both sides must divide by it");
    }

    public override void Apply(ReadOnlySpan<float> clean, Span<float> corrupted, Span<bool> hidden, ImageLayout layout, DeterministicRandom random)
    {
        hidden.Clear();
        int lowHeight = layout.Height / Factor, lowWidth = layout.Width / Factor;
        var up = upsampler;
        if (up is null || !up.Fits(lowHeight, lowWidth, Factor, Interpolation.Nearest))
            upsampler = up = new ImageUpsampler(lowHeight, lowWidth, Factor, Interpolation.Nearest);
        if (scratch is null || scratch.Length < up.ScratchLength + lowHeight * lowWidth) scratch = new float[up.ScratchLength + lowHeight * lowWidth];
        Span<float> low = scratch.AsSpan(up.ScratchLength, lowHeight * lowWidth), wide = scratch.AsSpan(0, up.ScratchLength);
        for (int c = 0; c < layout.Channels; c++)
        {
            var plane = clean.Slice(c * layout.PlaneSize, layout.PlaneSize);
            ImageResize.AreaDownsample(plane, layout.Height, layout.Width, Factor, low);
            up.Upsample(low, corrupted.Slice(c * layout.PlaneSize, layout.PlaneSize), wide);
        }
    }

    /// <summary>The low-resolution planes of a corrupted image: every Factor-th pixel of each block (they repeat).</summary>
    public void LowResolution(ReadOnlySpan<float> corrupted, ImageLayout layout, Span<float> low)
    {
        int lowHeight = layout.Height / Factor, lowWidth = layout.Width / Factor;
        for (int c = 0; c < layout.Channels; c++)
            for (int y = 0; y < lowHeight; y++)
                for (int x = 0; x < lowWidth; x++)
                    low[(c * lowHeight + y) * lowWidth + x] = corrupted[c * layout.PlaneSize + y * Factor * layout.Width + x * Factor];
    }

    public override string Describe() => $"super-resolution ×{Factor}: area-downsampled, shown at full size with nearest upsampling";

    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("factor", Factor.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}
