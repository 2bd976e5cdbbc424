namespace Autoencoders.Applications.Translation;

/// <summary>How <see cref="ImageResize.Upsample"/> interpolates: the super-resolution baselines.</summary>
public enum Interpolation
{
    Nearest,
    Bilinear,
    /// <summary>Keys' cubic convolution with a = −0.5 (as PIL and scikit-image's order 3 spline are not: this is the
    /// classic "bicubic" of image editors and of super-resolution papers' baselines).</summary>
    Bicubic,
}

/// <summary>
/// Integer-factor resizing of one (height, width) plane. Downsampling averages each factor × factor block (area
/// downsampling: what a sensor of larger pixels records). Upsampling puts output pixel o at source coordinate
/// (o + ½) / factor − ½ (pixel centres aligned, as PIL, OpenCV and PyTorch's align_corners=False do), repeats edge pixels
/// beyond the border, and clamps the result to [0, 1].
/// </summary>
public static class ImageResize
{
    /// <summary>The (height / factor, width / factor) plane of block means; height and width must divide by the factor.</summary>
    public static void AreaDownsample(ReadOnlySpan<float> plane, int height, int width, int factor, Span<float> destination)
    {
        if (factor < 1 || height % factor != 0 || width % factor != 0)
            throw new ArgumentException($"a {width}×{height} image cannot be downsampled by {factor}: both sides must divide by it");
        int lowHeight = height / factor, lowWidth = width / factor;
        float scale = 1f / (factor * factor);
        for (int y = 0; y < lowHeight; y++)
            for (int x = 0; x < lowWidth; x++)
            {
                float sum = 0;
                for (int dy = 0; dy < factor; dy++)
                    for (int dx = 0; dx < factor; dx++) sum += plane[(y * factor + dy) * width + x * factor + dx];
                destination[y * lowWidth + x] = sum * scale;
            }
    }

    /// <summary>The (height × factor, width × factor) plane interpolated from a (height, width) one. Builds its taps
    /// and scratch on each call: code that upsamples many planes keeps an <see cref="ImageUpsampler"/> instead.</summary>
    public static void Upsample(ReadOnlySpan<float> plane, int height, int width, int factor, Interpolation method, Span<float> destination)
    {
        var upsampler = new ImageUpsampler(height, width, factor, method);
        upsampler.Upsample(plane, destination, new float[upsampler.ScratchLength]);
    }
}
