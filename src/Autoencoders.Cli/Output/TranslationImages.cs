using Autoencoders.Data.Images;
using Autoencoders.Drawing;

namespace Autoencoders.Cli.Output;

/// <summary>Pictures of an image-to-image run: the grid of inputs, outputs and targets, and each output as its own PNG.</summary>
internal static class TranslationImages
{
    /// <summary>One row per entry of <paramref name="rows"/> (a label and its images), <paramref name="columns"/> images
    /// each, grayscale or colour, under the title.</summary>
    public static RgbImage Grid(IReadOnlyList<(string Label, float[] Images)> rows, ImageLayout layout, int columns, string title)
    {
        int n = layout.ValueCount;
        var images = rows.SelectMany(r => Enumerable.Range(0, columns).Select(i => r.Images.AsSpan(i * n, n).ToArray())).ToList();
        return ImageGrid.Render(images, layout.Width, layout.Height, columns, scale: layout.Height <= 32 ? 3 : 1,
            rowLabels: [.. rows.Select(r => r.Label)], title: title, channels: layout.Channels);
    }

    /// <summary>One (C, H, W) image in [0, 1] (clamped) as an RGB picture; one channel is drawn gray.</summary>
    public static RgbImage Image(ReadOnlySpan<float> values, ImageLayout layout)
    {
        var pixels = new byte[layout.PlaneSize * 3];
        for (int p = 0; p < layout.PlaneSize; p++)
            for (int c = 0; c < 3; c++)
            {
                float v = values[(layout.Channels == 1 ? 0 : c) * layout.PlaneSize + p];
                pixels[3 * p + c] = (byte)Math.Round(Math.Clamp(v, 0f, 1f) * 255);
            }
        return new RgbImage(layout.Width, layout.Height, pixels);
    }
}
