namespace Autoencoders.Drawing;

/// <summary>
/// Tiles grayscale images (e.g. 28×28 digits, originals above reconstructions) into one picture: cells in
/// rows × columns, each pixel a scale × scale block, <see cref="Gap"/> pixels of white around every cell,
/// optional row labels on the left and an optional title on top.
/// </summary>
public static class ImageGrid
{
    /// <summary>White space between cells and around the grid, in pixels.</summary>
    public const int Gap = 4;

    /// <summary>
    /// Renders <paramref name="images"/> (each width·height floats, row-major, 0 = black, 1 = white, clamped)
    /// row by row, <paramref name="columns"/> per row; a short last row leaves its remaining cells empty.
    /// Output size: labelWidth + Gap + columns·(width·scale + Gap) by titleHeight + Gap + rows·(height·scale + Gap).
    /// </summary>
    public static RgbImage Render(
        IReadOnlyList<float[]> images, int imageWidth, int imageHeight, int columns, int scale = 2,
        IReadOnlyList<string>? rowLabels = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (imageWidth <= 0 || imageHeight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(imageWidth), $"Expected a positive image size, received {imageWidth}x{imageHeight}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        for (int i = 0; i < images.Count; i++)
        {
            if (images[i]?.Length != imageWidth * imageHeight)
            {
                throw new ArgumentException(
                    $"images[{i}]: expected {imageWidth * imageHeight} values ({imageWidth}x{imageHeight}), " +
                    $"received {images[i]?.Length.ToString() ?? "null"}.", nameof(images));
            }
        }

        int rows = (images.Count + columns - 1) / columns;
        int cellWidth = imageWidth * scale, cellHeight = imageHeight * scale;
        int textScale = TextScale(cellHeight);
        int labelWidth = LabelColumnWidth(rowLabels, rows, textScale);
        int titleHeight = string.IsNullOrEmpty(title) ? 0 : BitmapFont.GlyphHeight * (textScale + 1) + 2 * Gap;

        int width = labelWidth + Gap + columns * (cellWidth + Gap);
        int height = titleHeight + Gap + rows * (cellHeight + Gap);
        var canvas = new Canvas(width, height, Color.White);

        for (int i = 0; i < images.Count; i++)
        {
            int cellX = labelWidth + Gap + i % columns * (cellWidth + Gap);
            int cellY = titleHeight + Gap + i / columns * (cellHeight + Gap);
            DrawCell(canvas, images[i], imageWidth, imageHeight, scale, cellX, cellY);
        }

        int textHeight = BitmapFont.GlyphHeight * textScale;
        for (int row = 0; row < Math.Min(rows, rowLabels?.Count ?? 0); row++)
        {
            int labelY = titleHeight + Gap + row * (cellHeight + Gap) + (cellHeight - textHeight) / 2;
            canvas.DrawText(Gap, labelY, rowLabels![row] ?? "", Color.Black, textScale);
        }

        if (!string.IsNullOrEmpty(title))
        {
            (string text, int scale) fitted = TextFit.Fit(title, textScale + 1, width - 2 * Gap);
            int titleWidth = BitmapFont.Measure(fitted.text, fitted.scale).Width;
            canvas.DrawText((width - titleWidth) / 2, Gap, fitted.text, Color.Black, fitted.scale);
        }

        return canvas.Image;
    }

    private static void DrawCell(Canvas canvas, float[] image, int imageWidth, int imageHeight, int scale, int cellX, int cellY)
    {
        for (int y = 0; y < imageHeight; y++)
        {
            for (int x = 0; x < imageWidth; x++)
            {
                Color color = Color.FromIntensity(image[y * imageWidth + x]);
                canvas.FillRectangle(cellX + x * scale, cellY + y * scale, scale, scale, color);
            }
        }
    }

    /// <summary>Text as tall as about a quarter of a cell, at least scale 1, so labels match the thumbnails.</summary>
    private static int TextScale(int cellHeight) => Math.Clamp(cellHeight / (4 * BitmapFont.GlyphHeight), 1, 3);

    /// <summary>Width of the label column including the gap after it; 0 when no row has a label.</summary>
    private static int LabelColumnWidth(IReadOnlyList<string>? rowLabels, int rows, int textScale)
    {
        if (rowLabels is null) return 0;
        int widest = rowLabels.Take(rows).Select(label => BitmapFont.Measure(label ?? "", textScale).Width).DefaultIfEmpty(0).Max();
        return widest == 0 ? 0 : widest + 2 * Gap;
    }
}
