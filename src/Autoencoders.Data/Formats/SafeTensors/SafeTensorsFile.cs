using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Autoencoders.Data;

/// <summary>Reads and writes float32 tensors in the safetensors format (https://github.com/huggingface/safetensors).</summary>
/// <remarks>
/// Layout: an 8-byte little-endian header length N, N bytes of UTF-8 JSON describing each tensor's dtype,
/// shape and byte range, then the tensors' little-endian bytes back to back. Files written here are
/// byte-identical for identical input and readable by the reference implementation; reading trusts nothing
/// in the header until it has been checked against the file's real length.
/// </remarks>
public static class SafeTensorsFile
{
    /// <summary>The reference implementation's limit on the JSON header.</summary>
    public const int MaximumHeaderLength = 100_000_000;

    private const int LengthPrefixBytes = 8;

    /// <summary>Writes <paramref name="tensors"/> (sorted by name) and <paramref name="metadata"/> to <paramref name="path"/> atomically.</summary>
    /// <remarks>The file appears complete or not at all: it is written to a temporary file in the same folder, then renamed.</remarks>
    /// <exception cref="ArgumentException">A name is empty, reserved or repeated, or a shape does not match its data.</exception>
    public static void Write(string path, IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensors);
        Validate(tensors);
        AtomicFile.Write(path, stream => WriteTo(stream, tensors, metadata));
    }

    /// <summary>Writes the file's bytes to <paramref name="stream"/>: for callers that make the file atomic themselves.</summary>
    public static void WriteTo(Stream stream, IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Validate(tensors);
        NamedTensor[] sorted = SafeTensorsHeaderWriter.Sort(tensors);
        byte[] header = SafeTensorsHeaderWriter.Build(sorted, metadata);
        Span<byte> length = stackalloc byte[LengthPrefixBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (NamedTensor tensor in sorted)
        {
            WriteLittleEndian(stream, tensor.Data);
        }
    }

    /// <summary>Reads every tensor and the metadata from <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file breaks the format; the one-line message starts with the path.</exception>
    public static SafeTensorsContents Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found (expected a safetensors model file)", path);
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        long fileLength = file.Length;
        if (fileLength < LengthPrefixBytes)
        {
            throw DataErrors.Invalid(path, $"file is {fileLength} bytes, too short for the 8-byte header length that starts a safetensors file");
        }

        Span<byte> prefix = stackalloc byte[LengthPrefixBytes];
        file.ReadExactly(prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaximumHeaderLength)
        {
            throw DataErrors.Invalid(path, $"header length {headerLength} exceeds the {MaximumHeaderLength}-byte limit");
        }
        ulong afterPrefix = (ulong)(fileLength - LengthPrefixBytes);
        if (headerLength > afterPrefix)
        {
            throw DataErrors.Invalid(path, $"header length {headerLength} exceeds the {afterPrefix} bytes after the length prefix");
        }

        var header = new byte[headerLength];
        file.ReadExactly(header);
        (SafeTensorsEntry[] entries, Dictionary<string, string> metadata, ulong dataLength) = SafeTensorsHeaderParser.Parse(header, path);
        ulong available = afterPrefix - headerLength;
        if (dataLength != available)
        {
            string problem = dataLength > available ? "the file is truncated" : $"{available - dataLength} trailing bytes follow them";
            throw DataErrors.Invalid(path, $"tensors end at byte {dataLength} of the data section, but it holds {available} bytes: {problem}");
        }

        // Only now, with every size proven to fit inside the file, is tensor memory allocated.
        var tensors = new NamedTensor[entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            tensors[i] = ReadTensor(file, entries[i], path);
        }
        return new SafeTensorsContents(path, tensors, metadata);
    }

    private static NamedTensor ReadTensor(Stream file, SafeTensorsEntry entry, string path)
    {
        ulong elementCount = (entry.End - entry.Begin) / sizeof(float);
        if (elementCount > (ulong)Array.MaxLength)
        {
            throw DataErrors.Invalid(path, $"tensor \"{entry.Name}\" has {elementCount} elements, more than one array can hold ({Array.MaxLength})");
        }
        var data = new float[elementCount];
        file.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            Span<int> words = MemoryMarshal.Cast<float, int>(data.AsSpan());
            BinaryPrimitives.ReverseEndianness(words, words);
        }
        return new NamedTensor(entry.Name, entry.Shape, data);
    }

    private static void WriteLittleEndian(Stream stream, float[] data)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
            return;
        }
        Span<byte> value = stackalloc byte[sizeof(float)];
        foreach (float element in data)
        {
            BinaryPrimitives.WriteSingleLittleEndian(value, element);
            stream.Write(value);
        }
    }

    private static void Validate(IReadOnlyList<NamedTensor> tensors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (NamedTensor tensor in tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor, nameof(tensors));
            if (string.IsNullOrEmpty(tensor.Name) || tensor.Name == SafeTensorsHeaderWriter.MetadataKey)
            {
                throw new ArgumentException($"tensor name \"{tensor.Name}\" is empty or reserved", nameof(tensors));
            }
            if (!names.Add(tensor.Name))
            {
                throw new ArgumentException($"tensor name \"{tensor.Name}\" appears twice", nameof(tensors));
            }
            long elements = 1;
            foreach (int size in tensor.Shape)
            {
                elements = size >= 0
                    ? checked(elements * size)
                    : throw new ArgumentException($"tensor \"{tensor.Name}\": shape {tensor.DescribeShape()} has a negative size", nameof(tensors));
            }
            if (elements != tensor.Data.LongLength)
            {
                throw new ArgumentException($"tensor \"{tensor.Name}\": shape {tensor.DescribeShape()} needs {elements} values, received {tensor.Data.Length}", nameof(tensors));
            }
        }
    }
}
