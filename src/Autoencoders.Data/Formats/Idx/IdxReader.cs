using System.Buffers.Binary;
using System.IO.Compression;

namespace Autoencoders.Data;

/// <summary>Reads unsigned-byte IDX files (the MNIST format), raw or gzip-compressed.</summary>
/// <remarks>
/// Layout: magic <c>00 00 08 NN</c> (type 0x08 = unsigned byte, NN = number of dimensions), NN big-endian
/// int32 sizes, then the bytes in row-major order (http://yann.lecun.com/exdb/mnist/). Gzip is recognised by
/// its 1f 8b magic, not by the file name. Every size the header declares is checked against what the file
/// can hold before anything of that size is allocated, so a hostile header costs nothing.
/// </remarks>
public static class IdxReader
{
    /// <summary>The IDX type code for unsigned bytes, the only type this reader accepts.</summary>
    public const byte UnsignedByteType = 0x08;

    /// <summary>Reads a 3-dimensional image file, <c>[count, rows, columns]</c>.</summary>
    public static IdxArray ReadImages(string path) => Read(path, expectedDimensionCount: 3);

    /// <summary>Reads a 1-dimensional label file, <c>[count]</c>.</summary>
    public static IdxArray ReadLabels(string path) => Read(path, expectedDimensionCount: 1);

    /// <summary>Reads any unsigned-byte IDX file; with <paramref name="expectedDimensionCount"/>, requires that many dimensions.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a complete, exact unsigned-byte IDX file.</exception>
    public static IdxArray Read(string path, int? expectedDimensionCount = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found (expected an IDX file)", path);
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        long fileLength = file.Length;
        if (fileLength == 0)
        {
            throw DataErrors.Invalid(path, "file is empty, expected an IDX header");
        }

        Span<byte> start = stackalloc byte[2];
        int startLength = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        file.Position = 0;
        if (!GzipLimits.HasGzipMagic(start[..startLength]))
        {
            return ReadRaw(file, fileLength, path, expectedDimensionCount);
        }

        if (fileLength < GzipLimits.MinimumFileLength)
        {
            throw DataErrors.Invalid(path, $"gzip file is {fileLength} bytes, shorter than the {GzipLimits.MinimumFileLength}-byte minimum");
        }
        uint trailerSize = GzipLimits.ReadUncompressedSizeModulo32(file);
        using var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
        return ReadGzip(gzip, fileLength, trailerSize, path, expectedDimensionCount);
    }

    private static IdxArray ReadRaw(Stream file, long fileLength, string path, int? expectedDimensionCount)
    {
        int[] dimensions = IdxHeader.Read(file, path, expectedDimensionCount);
        long headerLength = IdxHeader.Length(dimensions.Length);
        long declared = IdxHeader.DataLength(dimensions, path);
        long available = fileLength - headerLength;
        if (available < declared)
        {
            throw DataErrors.Invalid(path, $"truncated: expected {declared} data bytes after the {headerLength}-byte header ({IdxHeader.Describe(dimensions)}), found {available}");
        }
        if (available > declared)
        {
            throw DataErrors.Invalid(path, $"{available - declared} trailing bytes after the {declared} data bytes the header declares ({IdxHeader.Describe(dimensions)})");
        }

        byte[] data = AllocateData(declared, path);
        file.ReadExactly(data);
        return new IdxArray(dimensions, data);
    }

    private static IdxArray ReadGzip(Stream gzip, long fileLength, uint trailerSize, string path, int? expectedDimensionCount)
    {
        int[] dimensions = IdxHeader.Read(gzip, path, expectedDimensionCount);
        long headerLength = IdxHeader.Length(dimensions.Length);
        long declared = IdxHeader.DataLength(dimensions, path);
        long declaredTotal = checked(headerLength + declared);

        long largestPossible = GzipLimits.MaximumUncompressedLength(fileLength);
        if (declaredTotal > largestPossible)
        {
            throw DataErrors.Invalid(path, $"header declares {declared} data bytes ({IdxHeader.Describe(dimensions)}), but a {fileLength}-byte gzip file expands to at most {largestPossible} bytes");
        }
        if ((uint)declaredTotal != trailerSize)
        {
            throw DataErrors.Invalid(path, $"header declares {declaredTotal} uncompressed bytes ({IdxHeader.Describe(dimensions)}), but the gzip trailer records {trailerSize} (mod 2^32): truncated or trailing data");
        }

        byte[] data = AllocateData(declared, path);
        int read = IdxHeader.ReadUpTo(gzip, data, path);
        if (read < data.Length)
        {
            throw DataErrors.Invalid(path, $"truncated: expected {declared} data bytes after the {headerLength}-byte header ({IdxHeader.Describe(dimensions)}), found {read}");
        }
        Span<byte> probe = stackalloc byte[1];
        if (IdxHeader.ReadUpTo(gzip, probe, path) != 0)
        {
            throw DataErrors.Invalid(path, $"trailing bytes after the {declared} data bytes the header declares ({IdxHeader.Describe(dimensions)})");
        }
        return new IdxArray(dimensions, data);
    }

    private static byte[] AllocateData(long length, string path) =>
        length <= Array.MaxLength
            ? new byte[length]
            : throw DataErrors.Invalid(path, $"declares {length} data bytes, more than the {Array.MaxLength} one array can hold");
}
