using Autoencoders.Drawing;

namespace Autoencoders.Dashboard.Views;

/// <summary>
/// Samples as small PNGs: an image sample at its own size (values in [0, 1] as gray levels), a tabular one as a strip of
/// cells. The page scales them up with pixelated rendering, so the files stay a few hundred bytes.
/// </summary>
public sealed class SampleImages
{
    private const int Gap = 2;

    public SampleImages(int featureCount, IReadOnlyList<int>? sampleShape)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        FeatureCount = featureCount;
        // (H, W), (1, H, W) or (H, W, 1) draw as images; anything else as one row of cells.
        (Height, Width) = sampleShape switch
        {
            [int h, int w] when h * w == featureCount => (h, w),
            [1, int h, int w] when h * w == featureCount => (h, w),
            [int h, int w, 1] when h * w == featureCount => (h, w),
            _ => (1, featureCount),
        };
    }

    public int FeatureCount { get; }

    public int Height { get; }

    public int Width { get; }

    /// <summary>One sample as a grayscale PNG.</summary>
    public byte[] Gray(ReadOnlySpan<float> values) => Grid([values.ToArray()], columns: 1);

    /// <summary>Samples in a grid of <paramref name="columns"/> columns, row by row, 2 black pixels apart.</summary>
    public byte[] Grid(IReadOnlyList<float[]> samples, int columns)
    {
        int rows = (samples.Count + columns - 1) / columns;
        int width = columns * Width + (columns - 1) * Gap, height = rows * Height + (rows - 1) * Gap;
        var pixels = new byte[width * height * 3];
        for (int s = 0; s < samples.Count; s++)
        {
            int left = s % columns * (Width + Gap), top = s / columns * (Height + Gap);
            for (int y = 0; y < Height; y++)
                for (int x = 0; x < Width; x++)
                {
                    byte gray = (byte)(Math.Clamp(samples[s][y * Width + x], 0f, 1f) * 255f + 0.5f);
                    int at = 3 * ((top + y) * width + left + x);
                    pixels[at] = pixels[at + 1] = pixels[at + 2] = gray;
                }
        }
        return PngCodec.Encode(new RgbImage(width, height, pixels));
    }

    /// <summary>Per-feature squared errors as heat: white where the reconstruction is right, red where it is furthest off
    /// (scaled to the sample's own largest error, so every row shows where its error lies).</summary>
    public byte[] Heat(ReadOnlySpan<double> squaredErrors)
    {
        double largest = 0;
        foreach (double e in squaredErrors) largest = Math.Max(largest, e);
        var image = new RgbImage(Width, Height);
        for (int i = 0; i < FeatureCount; i++)
        {
            byte fade = (byte)(255 - (largest > 0 ? squaredErrors[i] / largest : 0) * 255);
            image.SetPixel(i % Width, i / Width, new Color(255, fade, fade));
        }
        return PngCodec.Encode(image);
    }
}
