using Autoencoders.Data.Images;
using Autoencoders.Drawing;

namespace Autoencoders.Cli.Output;

/// <summary>Pictures of an image-to-image run: the grid of inputs, outputs and targets, and each output as its own PNG.</summary>
internal static class TranslationImages
{
    /// <summary>One row per entry of <paramref name="rows"/> (a label and its images), <paramref name="columns"/> images each.
    /// Grayscale images get the labelled grid; colour ones are tiled as they are, rows in the order given.</summary>
    public static RgbImage Grid(IReadOnlyList<(string Label, float[] Images)> rows, ImageLayout layout, int columns, string title)
    {
        int n = layout.ValueCount;
        if (layout.Channels == 1)
        {
            var images = rows.SelectMany(r => Enumerable.Range(0, columns).Select(i => r.Images.AsSpan(i * n, n).ToArray())).ToList();
            return ImageGrid.Render(images, layout.Width, layout.Height, columns, scale: layout.Height <= 32 ? 3 : 1,
                rowLabels: [.. rows.Select(r => r.Label)], title: title);
        }
        const int gap = ImageGrid.Gap;
        int scale = layout.Height <= 32 ? 3 : 1, cellWidth = layout.Width * scale, cellHeight = layout.Height * scale;
        var grid = new RgbImage(gap + columns * (cellWidth + gap), gap + rows.Count * (cellHeight + gap), Color.White);
        for (int row = 0; row < rows.Count; row++)
            for (int column = 0; column < columns; column++)
            {
                var tile = Image(rows[row].Images.AsSpan(column * n, n), layout);
                for (int y = 0; y < cellHeight; y++)
                    for (int x = 0; x < cellWidth; x++)
                        grid.SetPixel(gap + column * (cellWidth + gap) + x, gap + row * (cellHeight + gap) + y, tile.GetPixel(x / scale, y / scale));
            }
        return grid;
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
