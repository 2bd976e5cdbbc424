using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Autoencoders.Drawing;

/// <summary>
/// Writes 8-bit truecolour (colour type 2) or 8-bit grayscale (colour type 0) PNG files, non-interlaced.
/// Layout: signature, IHDR, one IDAT (zlib stream of filtered rows), IEND. https://www.w3.org/TR/png/
/// </summary>
public static class PngEncoder
{
    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private const byte ColorTypeGrayscale = 0;
    private const byte ColorTypeTruecolor = 2;

    /// <summary>Encodes an RGB image as a PNG file's bytes.</summary>
    public static byte[] Encode(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Encode(image.Pixels, image.Width, image.Height, ColorTypeTruecolor, bytesPerPixel: 3);
    }

    /// <summary>Encodes gray levels (0 = black, 255 = white; shape (height, width)) as a grayscale PNG file's bytes.</summary>
    public static byte[] EncodeGrayscale(ReadOnlySpan<byte> pixels, int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"Expected a positive image size, received {width}x{height}.");
        }

        if (pixels.Length != (long)width * height)
        {
            throw new ArgumentException(
                $"Expected {(long)width * height} gray bytes for {width}x{height}, received {pixels.Length}.", nameof(pixels));
        }

        return Encode(pixels, width, height, ColorTypeGrayscale, bytesPerPixel: 1);
    }

    private static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, byte colorType, int bytesPerPixel)
    {
        using var output = new MemoryStream();
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;          // bit depth
        header[9] = colorType;
        header[10] = 0;         // compression: deflate
        header[11] = 0;         // filter method: adaptive
        header[12] = 0;         // interlace: none
        WriteChunk(output, "IHDR", header);

        byte[] filtered = PngRowFilter.FilterImage(pixels, height, width * bytesPerPixel, bytesPerPixel);
        WriteChunk(output, "IDAT", Compress(filtered));
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static byte[] Compress(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return compressed.ToArray();
    }

    /// <summary>A chunk is: big-endian data length, 4-byte ASCII type, data, CRC-32 of type and data.</summary>
    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);

        Span<byte> typeBytes = stackalloc byte[4];
        Encoding.ASCII.GetBytes(type, typeBytes);
        output.Write(typeBytes);
        output.Write(data);

        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Append(Crc32.Compute(typeBytes), data));
        output.Write(word);
    }
}
