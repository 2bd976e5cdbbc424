using System.Buffers.Binary;
using System.IO.Compression;

namespace Autoencoders.Data.Tests;

/// <summary>Builds IDX file bytes by hand, so tests can also build files the writer would refuse to write.</summary>
public static class IdxBytes
{
    public static byte[] Header(byte type, params int[] dimensions)
    {
        var header = new byte[4 + 4 * dimensions.Length];
        header[2] = type;
        header[3] = (byte)dimensions.Length;
        for (int i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dimensions[i]);
        }
        return header;
    }

    public static byte[] File(int[] dimensions, byte[] data) => [.. Header(0x08, dimensions), .. data];

    public static byte[] Gzip(byte[] contents)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(contents);
        }
        return output.ToArray();
    }

    /// <summary>Bytes 0, 1, 2, … wrapping at 256: each position is recognisable after a round trip.</summary>
    public static byte[] Counting(int length) => Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
}
