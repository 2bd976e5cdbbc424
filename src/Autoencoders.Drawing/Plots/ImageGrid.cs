using SkiaSharp;

namespace Autoencoders.Drawing;

/// <summary>
/// Tiles images, grayscale or colour (e.g. 28×28 digits, originals above reconstructions) into one picture with SkiaSharp: cells in
/// rows × columns, each pixel a scale × scale block, <see cref="Gap"/> pixels of white around every cell,
/// optional row labels on the left and an optional title on top, in the figure font.
/// </summary>
public static class ImageGrid
{
    /// <summary>White space between cells and around the grid, in pixels.</summary>
    public const int Gap = 4;

    /// <summary>
    /// Renders <paramref name="images"/> (each channels·width·height floats: one row-major plane, 0 = black, 1 = white,
    /// or three planes red, green, blue, as a (C, H, W) tensor holds them; clamped) row by row, <paramref name="columns"/>
    /// per row; a short last row leaves its remaining cells empty.
    /// Output size: labelWidth + Gap + columns·(width·scale + Gap) by titleHeight + Gap + rows·(height·scale + Gap).
    /// </summary>
    public static RgbImage Render(
        IReadOnlyList<float[]> images, int imageWidth, int imageHeight, int columns, int scale = 2,
        IReadOnlyList<string>? rowLabels = null, string? title = null, int channels = 1)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "expected 1 (grayscale) or 3 (RGB) channels");
        if (imageWidth <= 0 || imageHeight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(imageWidth), $"Expected a positive image size, received {imageWidth}x{imageHeight}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        for (int i = 0; i < images.Count; i++)
        {
            if (images[i]?.Length != channels * imageWidth * imageHeight)
            {
                throw new ArgumentException(
                    $"images[{i}]: expected {channels * imageWidth * imageHeight} values ({(channels == 1 ? "" : $"{channels}x")}{imageWidth}x{imageHeight}), " +
                    $"received {images[i]?.Length.ToString() ?? "null"}.", nameof(images));
            }
        }

        int rows = (images.Count + columns - 1) / columns;
        int cellWidth = imageWidth * scale, cellHeight = imageHeight * scale;
        float textSize = TextSize(cellHeight), titleSize = textSize + 3;
        int labelWidth = LabelColumnWidth(rowLabels, rows, textSize);
        int titleHeight = string.IsNullOrEmpty(title) ? 0 : (int)Math.Ceiling(titleSize * 1.3) + 2 * Gap;

        int width = labelWidth + Gap + columns * (cellWidth + Gap);
        int height = titleHeight + Gap + rows * (cellHeight + Gap);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        for (int i = 0; i < images.Count; i++)
        {
            int cellX = labelWidth + Gap + i % columns * (cellWidth + Gap);
            int cellY = titleHeight + Gap + i / columns * (cellHeight + Gap);
            using SKBitmap cell = CellBitmap(images[i], imageWidth, imageHeight, channels);
            // Nearest-neighbour: each pixel a crisp scale × scale block, as the model sees it.
            using SKImage cellImage = SKImage.FromBitmap(cell);
            canvas.DrawImage(cellImage, new SKRect(cellX, cellY, cellX + cellWidth, cellY + cellHeight), new SKSamplingOptions(SKFilterMode.Nearest));
        }

        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var labelFont = new SKFont(FigureFont.Regular, textSize);
        for (int row = 0; row < Math.Min(rows, rowLabels?.Count ?? 0); row++)
        {
            // Baseline so the text's cap height is centred on the row.
            float middle = titleHeight + Gap + row * (cellHeight + Gap) + cellHeight / 2f;
            canvas.DrawText(rowLabels![row] ?? "", Gap, middle + textSize * 0.36f, SKTextAlign.Left, labelFont, paint);
        }

        if (!string.IsNullOrEmpty(title))
        {
            using var titleFont = new SKFont(FigureFont.Bold, titleSize);
            string fitted = FitWidth(title, titleFont, width - 2 * Gap);
            canvas.DrawText(fitted, width / 2f, Gap + titleSize, SKTextAlign.Center, titleFont, paint);
        }

        canvas.Flush();
        return SkiaBitmaps.ToRgb(bitmap);
    }

    /// <summary>An opaque bitmap of one image: a single plane drawn gray (0 = black, 1 = white), three as red, green and
    /// blue; clamped.</summary>
    private static SKBitmap CellBitmap(float[] image, int imageWidth, int imageHeight, int channels)
    {
        var cell = new RgbImage(imageWidth, imageHeight);
        int plane = imageWidth * imageHeight;
        for (int p = 0; p < plane; p++)
            for (int c = 0; c < 3; c++)
                cell.Pixels[3 * p + c] = Color.IntensityToByte(image[(channels == 1 ? 0 : c) * plane + p]);

        return SkiaBitmaps.FromRgb(cell);
    }

    /// <summary>Text about a third as tall as a cell, between 11 and 18 pixels, so labels match the thumbnails.</summary>
    private static float TextSize(int cellHeight) => Math.Clamp(cellHeight / 3f, 11, 18);

    /// <summary>Width of the label column including the gap after it; 0 when no row has a label.</summary>
    private static int LabelColumnWidth(IReadOnlyList<string>? rowLabels, int rows, float textSize)
    {
        if (rowLabels is null) return 0;
        float widest = rowLabels.Take(rows).Select(label => FigureFont.MeasureWidth(label ?? "", textSize)).DefaultIfEmpty(0).Max();
        return widest == 0 ? 0 : (int)Math.Ceiling(widest) + 2 * Gap;
    }

    /// <summary>The text, cut short with ".." if it is wider than <paramref name="maxWidth"/> pixels.</summary>
    private static string FitWidth(string text, SKFont font, float maxWidth)
    {
        if (font.MeasureText(text) <= maxWidth) return text;
        for (int length = text.Length - 1; length > 0; length--)
        {
            string cut = text[..length] + "..";
            if (font.MeasureText(cut) <= maxWidth) return cut;
        }

        return "";
    }
}
