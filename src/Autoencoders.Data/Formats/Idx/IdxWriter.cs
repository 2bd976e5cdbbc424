using System.Buffers.Binary;
using System.IO.Compression;

namespace Autoencoders.Data;

/// <summary>Writes unsigned-byte IDX files, raw or gzip-compressed, the inverse of <see cref="IdxReader"/>.</summary>
public static class IdxWriter
{
    /// <summary>Writes <paramref name="array"/> to <paramref name="path"/> atomically; <paramref name="compress"/> gzips it.</summary>
    public static void Write(string path, IdxArray array, bool compress)
    {
        ArgumentNullException.ThrowIfNull(array);
        AtomicFile.Write(path, file =>
        {
            if (!compress)
            {
                WriteContents(file, array);
                return;
            }
            using var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
            WriteContents(gzip, array);
        });
    }

    private static void WriteContents(Stream stream, IdxArray array)
    {
        Span<byte> header = stackalloc byte[(int)IdxHeader.Length(array.Dimensions.Length)];
        header[2] = IdxReader.UnsignedByteType;
        header[3] = (byte)array.Dimensions.Length;
        for (int i = 0; i < array.Dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.Slice(4 + 4 * i, 4), array.Dimensions[i]);
        }
        stream.Write(header);
        stream.Write(array.Data);
    }
}
