using SkiaSharp;

namespace Autoencoders.Drawing;

/// <summary>PNG through SkiaSharp (libpng): lossless, so decoding an encoded image gives back every pixel.</summary>
public static class PngCodec
{
    /// <summary>The PNG bytes of <paramref name="image"/> (8-bit, opaque).</summary>
    public static byte[] Encode(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using SKBitmap bitmap = SkiaBitmaps.FromRgb(image);
        using SKData data = bitmap.Encode(SKEncodedImageFormat.Png, quality: 100)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode a {image.Width}x{image.Height} image as PNG");
        return data.ToArray();
    }

    /// <summary>Decodes PNG (or any format SkiaSharp reads) bytes; <paramref name="source"/> names them in errors.</summary>
    public static RgbImage Decode(byte[] bytes, string source = "PNG data")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        // SKBitmap.Decode throws ArgumentNullException on unknown bytes; a null codec is the clear "not an image".
        using SKCodec codec = SKCodec.Create(new SKMemoryStream(bytes))
            ?? throw new InvalidDataException($"{source}: not an image SkiaSharp can decode ({bytes.Length} bytes)");
        using SKBitmap bitmap = SKBitmap.Decode(codec)
            ?? throw new InvalidDataException($"{source}: a truncated or corrupt image ({bytes.Length} bytes)");
        return SkiaBitmaps.ToRgb(bitmap);
    }

    /// <summary>Reads and decodes a PNG file.</summary>
    public static RgbImage Decode(string path) => Decode(File.ReadAllBytes(path), path);
}
