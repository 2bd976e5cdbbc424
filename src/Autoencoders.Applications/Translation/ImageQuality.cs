using Autoencoders.Data.Images;

namespace Autoencoders.Applications.Translation;

/// <summary>How SSIM weighs each pixel's neighbourhood: Wang et al. 2004's Gaussian window (σ = 1.5, 11 × 11,
/// population covariance), or scikit-image's default 7 × 7 uniform window with the sample covariance.</summary>
public enum SsimWindow
{
    Gaussian,
    Uniform7,
}

/// <summary>
/// Image quality against a reference, for values in [0, 1]: PSNR = 10 log₁₀(peak² / MSE), and SSIM (Wang, Bovik, Sheikh
/// and Simoncelli, "Image quality assessment: from error visibility to structural similarity", IEEE TIP 2004) exactly as
/// scikit-image's <c>structural_similarity(a, b, data_range=1, gaussian_weights=True, sigma=1.5,
/// use_sample_covariance=False)</c> computes it: local means, variances and covariance through the window, the SSIM map
/// cropped by the window's radius, its mean; for several channels the mean of each channel's.
/// </summary>
public static class ImageQuality
{
    private const double K1 = 0.01, K2 = 0.03;

    /// <summary>PSNR in dB with peak 1.0; +∞ for identical images (reported as 100 dB by <see cref="MeanPsnr"/>'s callers if they must print it).</summary>
    public static double Psnr(ReadOnlySpan<float> reference, ReadOnlySpan<float> image, ReadOnlySpan<bool> region = default)
    {
        if (reference.Length != image.Length) throw new ArgumentException($"expected images of {reference.Length} values, received {image.Length}");
        double sum = 0;
        int count = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            if (!region.IsEmpty && !region[i]) continue;
            double d = reference[i] - image[i];
            sum += d * d;
            count++;
        }
        if (count == 0) throw new ArgumentException("the region holds no pixel");
        return 10 * Math.Log10(1.0 / (sum / count));
    }

    /// <summary>The mean over images (rows) of each image's PSNR, as image restoration papers report it; <paramref name="region"/>
    /// (one flag per value of a row, or one row of flags per image) limits each to the pixels it marks.</summary>
    public static double MeanPsnr(ReadOnlySpan<float> references, ReadOnlySpan<float> images, int valuesPerImage, Func<int, bool[]>? region = null)
    {
        int count = references.Length / valuesPerImage;
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            var mask = region?.Invoke(i);
            double psnr = Psnr(references.Slice(i * valuesPerImage, valuesPerImage), images.Slice(i * valuesPerImage, valuesPerImage), mask);
            sum += Math.Min(psnr, 100); // a perfect image counts as 100 dB rather than making the mean infinite
        }
        return sum / count;
    }

    /// <summary>The mean over images of each image's SSIM.</summary>
    public static double MeanSsim(ReadOnlySpan<float> references, ReadOnlySpan<float> images, ImageLayout layout, SsimWindow window = SsimWindow.Gaussian)
    {
        int count = references.Length / layout.ValueCount;
        double sum = 0;
        for (int i = 0; i < count; i++)
            sum += Ssim(references.Slice(i * layout.ValueCount, layout.ValueCount), images.Slice(i * layout.ValueCount, layout.ValueCount), layout, window);
        return sum / count;
    }

    /// <summary>One image's SSIM with data range 1.</summary>
    public static double Ssim(ReadOnlySpan<float> reference, ReadOnlySpan<float> image, ImageLayout layout, SsimWindow window = SsimWindow.Gaussian)
    {
        if (reference.Length != layout.ValueCount || image.Length != layout.ValueCount)
            throw new ArgumentException($"expected images of {layout.ValueCount} values ({layout}), received {reference.Length} and {image.Length}");
        var filter = window == SsimWindow.Gaussian ? SeparableFilter.Gaussian(1.5, truncate: 3.5) : SeparableFilter.Uniform(7);
        if (layout.Height < filter.Size || layout.Width < filter.Size)
            throw new ArgumentException($"SSIM's {filter.Size}×{filter.Size} window does not fit a {layout} image");
        int n = layout.PlaneSize;
        double windowArea = filter.Size * filter.Size;
        double covarianceNorm = window == SsimWindow.Gaussian ? 1.0 : windowArea / (windowArea - 1);
        var buffers = new float[8 * n];
        double total = 0;
        for (int c = 0; c < layout.Channels; c++)
            total += PlaneSsim(reference.Slice(c * n, n), image.Slice(c * n, n), layout.Height, layout.Width, filter, covarianceNorm, buffers);
        return total / layout.Channels;
    }

    private static double PlaneSsim(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int height, int width, SeparableFilter filter, double covarianceNorm, float[] buffers)
    {
        int n = height * width;
        Span<float> products = buffers.AsSpan(0, n), scratch = buffers.AsSpan(n, n);
        Span<float> mx = buffers.AsSpan(2 * n, n), my = buffers.AsSpan(3 * n, n), mxx = buffers.AsSpan(4 * n, n),
            myy = buffers.AsSpan(5 * n, n), mxy = buffers.AsSpan(6 * n, n);
        filter.Apply(x, mx, height, width, scratch);
        filter.Apply(y, my, height, width, scratch);
        for (int i = 0; i < n; i++) products[i] = x[i] * x[i];
        filter.Apply(products, mxx, height, width, scratch);
        for (int i = 0; i < n; i++) products[i] = y[i] * y[i];
        filter.Apply(products, myy, height, width, scratch);
        for (int i = 0; i < n; i++) products[i] = x[i] * y[i];
        filter.Apply(products, mxy, height, width, scratch);
        double c1 = K1 * K1, c2 = K2 * K2, sum = 0;
        int pad = filter.Radius, counted = 0;
        for (int row = pad; row < height - pad; row++)
            for (int column = pad; column < width - pad; column++)
            {
                int i = row * width + column;
                double ux = mx[i], uy = my[i];
                double vx = covarianceNorm * (mxx[i] - ux * ux), vy = covarianceNorm * (myy[i] - uy * uy), vxy = covarianceNorm * (mxy[i] - ux * uy);
                sum += (2 * ux * uy + c1) * (2 * vxy + c2) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
                counted++;
            }
        return sum / counted;
    }
}
