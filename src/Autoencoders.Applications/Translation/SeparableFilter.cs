namespace Autoencoders.Applications.Translation;

/// <summary>
/// A separable filter of one image plane with scipy.ndimage's 'reflect' boundary (d c b a | a b c d), the same 1-D
/// weights along rows and then columns: <see cref="Gaussian"/> as gaussian_filter makes it, <see cref="Uniform"/> as
/// uniform_filter. SSIM's windows, the deblurring task's blur and the unsharp-mask baseline.
/// </summary>
public sealed class SeparableFilter
{
    private readonly float[] weights; // (2r + 1), centred

    private SeparableFilter(double[] weights)
    {
        double sum = weights.Sum();
        this.weights = [.. weights.Select(w => (float)(w / sum))];
        Radius = weights.Length / 2;
    }

    public int Radius { get; }

    /// <summary>The window's side: 2r + 1.</summary>
    public int Size => 2 * Radius + 1;

    /// <summary>Weights exp(−x²/2σ²) for |x| ≤ r = ⌊truncate·σ + ½⌋, normalised (r = 5 for SSIM's σ = 1.5, truncate 3.5).</summary>
    public static SeparableFilter Gaussian(double sigma, double truncate = 4.0)
    {
        if (!(sigma > 0) || !double.IsFinite(sigma)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "expected a positive standard deviation");
        int radius = (int)(truncate * sigma + 0.5);
        return new SeparableFilter([.. Enumerable.Range(-radius, 2 * radius + 1).Select(x => Math.Exp(-0.5 * x * x / (sigma * sigma)))]);
    }

    /// <summary>The mean over an odd <paramref name="size"/> × size window.</summary>
    public static SeparableFilter Uniform(int size) =>
        size > 0 && size % 2 == 1 ? new SeparableFilter(Enumerable.Repeat(1.0, size).ToArray()) : throw new ArgumentOutOfRangeException(nameof(size), size, "expected an odd window size");

    /// <summary>Filters one (height, width) plane into <paramref name="destination"/>; <paramref name="scratch"/> holds height × width values.</summary>
    public void Apply(ReadOnlySpan<float> plane, Span<float> destination, int height, int width, Span<float> scratch)
    {
        for (int y = 0; y < height; y++) // along rows: plane → scratch
        {
            var row = plane.Slice(y * width, width);
            var output = scratch.Slice(y * width, width);
            for (int x = 0; x < width; x++)
            {
                float sum = 0;
                for (int k = -Radius; k <= Radius; k++) sum += weights[k + Radius] * row[Reflect(x + k, width)];
                output[x] = sum;
            }
        }
        for (int y = 0; y < height; y++) // along columns: scratch → destination
            for (int x = 0; x < width; x++)
            {
                float sum = 0;
                for (int k = -Radius; k <= Radius; k++) sum += weights[k + Radius] * scratch[Reflect(y + k, height) * width + x];
                destination[y * width + x] = sum;
            }
    }

    /// <summary>scipy's 'reflect' index: −1 → 0, n → n − 1, folded again for windows wider than the image.</summary>
    internal static int Reflect(int index, int length)
    {
        int period = 2 * length;
        index %= period;
        if (index < 0) index += period;
        return index < length ? index : period - 1 - index;
    }
}
