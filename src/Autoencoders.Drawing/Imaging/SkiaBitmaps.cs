using System.Runtime.InteropServices;
using SkiaSharp;

namespace Autoencoders.Drawing;

/// <summary>Copies between <see cref="RgbImage"/> (3 bytes a pixel) and opaque SkiaSharp bitmaps (RGBA, 4 bytes a pixel).</summary>
internal static class SkiaBitmaps
{
    /// <summary>An opaque RGBA bitmap with the image's pixels.</summary>
    public static SKBitmap FromRgb(RgbImage image)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        Span<byte> rgba = PixelBytes(bitmap);
        ReadOnlySpan<byte> rgb = image.Pixels;
        for (int pixel = 0, count = image.Width * image.Height; pixel < count; pixel++)
        {
            rgba[4 * pixel] = rgb[3 * pixel];
            rgba[4 * pixel + 1] = rgb[3 * pixel + 1];
            rgba[4 * pixel + 2] = rgb[3 * pixel + 2];
            rgba[4 * pixel + 3] = 255;
        }

        return bitmap;
    }

    /// <summary>The bitmap's colours with alpha dropped; it is converted to RGBA first if stored otherwise.</summary>
    public static RgbImage ToRgb(SKBitmap bitmap)
    {
        if (bitmap.ColorType != SKColorType.Rgba8888 || bitmap.AlphaType == SKAlphaType.Unpremul)
        {
            // Premultiplied over opaque white paper is what a viewer shows; our figures are opaque anyway.
            using var converted = new SKBitmap(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
            using (var canvas = new SKCanvas(converted))
            {
                canvas.Clear(SKColors.White);
                canvas.DrawBitmap(bitmap, 0, 0);
            }

            return ToRgb(converted);
        }

        var image = new RgbImage(bitmap.Width, bitmap.Height);
        ReadOnlySpan<byte> rgba = PixelBytes(bitmap);
        Span<byte> rgb = image.Pixels;
        for (int pixel = 0, count = bitmap.Width * bitmap.Height; pixel < count; pixel++)
        {
            rgb[3 * pixel] = rgba[4 * pixel];
            rgb[3 * pixel + 1] = rgba[4 * pixel + 1];
            rgb[3 * pixel + 2] = rgba[4 * pixel + 2];
        }

        return image;
    }

    /// <summary>Skia's pixel memory as bytes, row-major with no padding (RowBytes is 4·Width for bitmaps it allocates).</summary>
    private static Span<byte> PixelBytes(SKBitmap bitmap)
    {
        if (bitmap.RowBytes != 4 * bitmap.Width)
        {
            throw new InvalidOperationException($"expected tightly packed rows of {4 * bitmap.Width} bytes, received {bitmap.RowBytes}");
        }

        return MemoryMarshal.AsBytes(bitmap.GetPixelSpan());
    }
}
