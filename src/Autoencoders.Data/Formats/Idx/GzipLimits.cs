namespace Autoencoders.Data;

/// <summary>What a gzip file's size says about its uncompressed size, known before decompressing anything.</summary>
/// <remarks>
/// A header inside a gzip file can declare any size; these bounds let a loader reject an impossible
/// declaration before allocating for it. RFC 1952 puts ISIZE (uncompressed length mod 2^32) in the last
/// four bytes, and deflate cannot expand more than about 1032 to 1 (a 258-byte match per ~2 bits).
/// </remarks>
internal static class GzipLimits
{
    /// <summary>Deflate's largest expansion ratio, rounded up.</summary>
    public const long MaximumExpansionRatio = 1032;

    /// <summary>10-byte member header plus 8-byte trailer: the smallest possible gzip file.</summary>
    public const int MinimumFileLength = 18;

    public static bool HasGzipMagic(ReadOnlySpan<byte> start) => start.Length >= 2 && start[0] == 0x1f && start[1] == 0x8b;

    /// <summary>Reads ISIZE from the last four bytes, then restores the stream position.</summary>
    public static uint ReadUncompressedSizeModulo32(Stream file)
    {
        long position = file.Position;
        Span<byte> trailer = stackalloc byte[4];
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Position = position;
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }

    /// <summary>The most bytes a gzip file of this length can expand to.</summary>
    public static long MaximumUncompressedLength(long compressedLength) =>
        compressedLength > long.MaxValue / MaximumExpansionRatio ? long.MaxValue : compressedLength * MaximumExpansionRatio;
}
