using System.Buffers.Binary;

namespace Autoencoders.Data;

/// <summary>Parses and checks the IDX magic number and dimension sizes, shared by raw and gzip reading.</summary>
internal static class IdxHeader
{
    /// <summary>Bytes before the data: the 4-byte magic plus one big-endian int32 per dimension.</summary>
    public static long Length(int dimensionCount) => 4L + 4L * dimensionCount;

    public static int[] Read(Stream stream, string path, int? expectedDimensionCount)
    {
        Span<byte> magic = stackalloc byte[4];
        int read = ReadUpTo(stream, magic, path);
        if (read < magic.Length)
        {
            throw DataErrors.Invalid(path, $"file ends after {read} bytes, inside the 4-byte IDX magic number");
        }

        int type = magic[2];
        int dimensionCount = magic[3];
        bool valid = magic[0] == 0 && magic[1] == 0 && type == IdxReader.UnsignedByteType && dimensionCount > 0
            && (expectedDimensionCount is null || dimensionCount == expectedDimensionCount);
        if (!valid)
        {
            uint actual = BinaryPrimitives.ReadUInt32BigEndian(magic);
            throw DataErrors.Invalid(path, $"wrong magic number 0x{actual:X8}, expected {ExpectedMagic(expectedDimensionCount)}{TypeHint(magic)}");
        }

        // At most 255 × 4 bytes, so a small fixed buffer whatever the header says.
        Span<byte> sizes = stackalloc byte[4 * dimensionCount];
        read = ReadUpTo(stream, sizes, path);
        if (read < sizes.Length)
        {
            throw DataErrors.Invalid(path, $"file ends inside the IDX header: expected {Length(dimensionCount)} header bytes for {dimensionCount} dimensions, found {4 + read}");
        }

        var dimensions = new int[dimensionCount];
        for (int i = 0; i < dimensionCount; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(sizes.Slice(4 * i, 4));
            if (dimensions[i] <= 0)
            {
                throw DataErrors.Invalid(path, $"dimension {i} is {dimensions[i]}, expected a positive size");
            }
        }
        return dimensions;
    }

    /// <summary>The product of the dimensions, refusing sizes no file could hold.</summary>
    public static long DataLength(int[] dimensions, string path)
    {
        try
        {
            long product = 1;
            foreach (int dimension in dimensions)
            {
                product = checked(product * dimension);
            }
            return product;
        }
        catch (OverflowException)
        {
            throw DataErrors.Invalid(path, $"header declares {Describe(dimensions)} elements, more than any file can hold");
        }
    }

    public static string Describe(int[] dimensions) => DataErrors.Shape(dimensions.Select(d => (long)d));

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; a corrupt gzip stream becomes a one-line error.</summary>
    public static int ReadUpTo(Stream stream, Span<byte> buffer, string path)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException exception)
        {
            throw DataErrors.Invalid(path, $"corrupt gzip data: {exception.Message}", exception);
        }
    }

    private static string ExpectedMagic(int? expectedDimensionCount) => expectedDimensionCount switch
    {
        3 => "0x00000803 (IDX unsigned-byte images)",
        1 => "0x00000801 (IDX unsigned-byte labels)",
        int count => $"0x000008{count:X2} (IDX unsigned-byte array with {count} dimensions)",
        null => "0x000008NN (IDX unsigned-byte array with NN ≥ 1 dimensions)",
    };

    // Files of other IDX element types are a likely mistake; naming the type saves a hex lookup.
    private static string TypeHint(ReadOnlySpan<byte> magic)
    {
        if (magic[0] != 0 || magic[1] != 0 || magic[2] == IdxReader.UnsignedByteType)
        {
            return "";
        }
        string? typeName = magic[2] switch
        {
            0x09 => "signed byte",
            0x0B => "int16",
            0x0C => "int32",
            0x0D => "float32",
            0x0E => "float64",
            _ => null,
        };
        return typeName is null ? "" : $"; element type 0x{magic[2]:X2} is {typeName}, only unsigned byte is supported";
    }
}
