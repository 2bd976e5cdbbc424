using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Autoencoders.Drawing.Tests;

/// <summary>
/// A minimal, independent PNG reader for 8-bit gray or RGB, non-interlaced files: enough to check what the
/// encoder wrote, byte for byte. It verifies every chunk CRC and undoes all five filter types.
/// </summary>
internal static class PngDecoder
{
    public sealed record Chunk(string Type, byte[] Data, uint StoredCrc);

    public sealed record DecodedImage(int Width, int Height, int BitDepth, int ColorType, byte[] Pixels)
    {
        public int Channels => ColorType == 2 ? 3 : 1;
    }

    public static List<Chunk> ReadChunks(byte[] file)
    {
        Assert.True(file.AsSpan(0, 8).SequenceEqual(PngSignature), "PNG signature missing");
        var chunks = new List<Chunk>();
        int offset = 8;
        while (offset < file.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
            string type = Encoding.ASCII.GetString(file, offset + 4, 4);
            byte[] data = file.AsSpan(offset + 8, length).ToArray();
            uint storedCrc = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset + 8 + length));
            // The CRC covers type and data, not the length; recompute it bit by bit, independently of Crc32.
            Assert.Equal(BitwiseCrc(file.AsSpan(offset + 4, 4 + length)), storedCrc);
            chunks.Add(new Chunk(type, data, storedCrc));
            offset += 12 + length;
        }

        Assert.Equal(file.Length, offset);
        return chunks;
    }

    public static DecodedImage Decode(byte[] file)
    {
        List<Chunk> chunks = ReadChunks(file);
        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal("IEND", chunks[^1].Type);
        byte[] header = chunks[0].Data;
        int width = BinaryPrimitives.ReadInt32BigEndian(header);
        int height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        var image = new DecodedImage(width, height, header[8], header[9], []);
        Assert.Equal(8, image.BitDepth);
        Assert.Equal(0, header[12]); // not interlaced

        using var compressed = new MemoryStream();
        foreach (Chunk chunk in chunks.Where(c => c.Type == "IDAT")) compressed.Write(chunk.Data);
        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress)) zlib.CopyTo(inflated);

        int stride = width * image.Channels;
        byte[] filtered = inflated.ToArray();
        Assert.Equal(height * (stride + 1), filtered.Length);
        return image with { Pixels = Unfilter(filtered, height, stride, image.Channels) };
    }

    private static byte[] Unfilter(byte[] filtered, int height, int stride, int bpp)
    {
        var pixels = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            byte filter = filtered[y * (stride + 1)];
            for (int i = 0; i < stride; i++)
            {
                int raw = filtered[y * (stride + 1) + 1 + i];
                int left = i >= bpp ? pixels[y * stride + i - bpp] : 0;
                int up = y > 0 ? pixels[(y - 1) * stride + i] : 0;
                int upLeft = i >= bpp && y > 0 ? pixels[(y - 1) * stride + i - bpp] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"Unknown filter type {filter} in row {y}."),
                };
                pixels[y * stride + i] = (byte)(raw + predictor);
            }
        }

        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>CRC-32 without a table, straight from the definition, to cross-check the library's.</summary>
    public static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte value in data)
        {
            crc ^= value;
            for (int bit = 0; bit < 8; bit++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }

        return ~crc;
    }

    private static ReadOnlySpan<byte> PngSignature => [137, 80, 78, 71, 13, 10, 26, 10];
}
