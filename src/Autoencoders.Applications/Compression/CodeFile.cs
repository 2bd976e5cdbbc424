using System.Buffers.Binary;
using Autoencoders.Data;

namespace Autoencoders.Applications.Compression;

/// <summary>
/// Reads and writes code files (<c>.aec</c>, written by <c>ae compress</c>): the codes of a set of samples, enough to
/// rebuild the samples with the model that made them and nothing else.
/// </summary>
/// <remarks>
/// Layout, every integer little-endian:
/// <code>
/// offset  bytes   field
///  0      7       magic "AECODES" (ASCII)
///  7      1       version, 1
///  8      1       precision: bits per value, 16 (float16) or 32 (float32)
///  9      1       flags: bit 0 set = labels follow; the other bits are 0
/// 10      1       sample rank R: 0 = flat vectors, 2 = images (rows, columns); at most 8
/// 11      1       reserved, 0
/// 12      4       count N of codes (int32, ≥ 0)
/// 16      4       code size C (int32, ≥ 1)
/// 20      32      SHA-256 of the bytes of the model file that encoded them
/// 52      4·R     sample shape (int32 each, ≥ 1)
///         4·N     labels (int32), when flag bit 0 is set
///         N·C·P   codes, row-major, P = 2 (IEEE binary16) or 4 (IEEE binary32) bytes each
/// </code>
/// The file ends there: a reader refuses trailing bytes as it refuses a short file.
/// </remarks>
public static class CodeFile
{
    public const byte Version = 1;

    /// <summary>Bytes before the sample shape: magic to hash.</summary>
    public const int FixedHeaderLength = 52;

    private const byte LabelsFlag = 1;

    private static ReadOnlySpan<byte> Magic => "AECODES"u8;

    /// <summary>The size of the file that <see cref="Write"/> makes for <paramref name="codes"/>.</summary>
    public static long Length(CompressedCodes codes) =>
        HeaderLength(codes) + LabelsLength(codes) + (long)codes.Codes.Length * codes.BytesPerValue;

    /// <summary>Bytes of the header, sample shape included.</summary>
    public static int HeaderLength(CompressedCodes codes) => FixedHeaderLength + 4 * (codes.SampleShape?.Length ?? 0);

    /// <summary>Bytes of the labels: 4 per code when stored, else 0.</summary>
    public static long LabelsLength(CompressedCodes codes) => codes.Labels is null ? 0 : 4L * codes.Count;

    /// <summary>Writes <paramref name="codes"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, CompressedCodes codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var contents = new byte[Length(codes)];
        Span<byte> file = contents;
        Magic.CopyTo(file);
        file[7] = Version;
        file[8] = (byte)codes.Precision;
        file[9] = codes.Labels is null ? (byte)0 : LabelsFlag;
        int rank = codes.SampleShape?.Length ?? 0;
        file[10] = (byte)rank;
        BinaryPrimitives.WriteInt32LittleEndian(file[12..], codes.Count);
        BinaryPrimitives.WriteInt32LittleEndian(file[16..], codes.CodeSize);
        codes.ModelSha256.CopyTo(file[20..]);
        for (int i = 0; i < rank; i++)
            BinaryPrimitives.WriteInt32LittleEndian(file[(FixedHeaderLength + 4 * i)..], codes.SampleShape![i]);

        Span<byte> body = file[HeaderLength(codes)..];
        if (codes.Labels is { } labels)
        {
            for (int i = 0; i < labels.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(body[(4 * i)..], labels[i]);
            body = body[(4 * labels.Length)..];
        }
        float[] values = codes.Codes;
        if (codes.Precision == CodePrecision.Float16)
            for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteHalfLittleEndian(body[(2 * i)..], (Half)values[i]);
        else
            for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(body[(4 * i)..], values[i]);
        AtomicFile.WriteAllBytes(path, contents);
    }

    /// <summary>Reads a code file, checking every field and the file's length against what the header declares.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a complete version-1 code file; the message starts with its path.</exception>
    public static CompressedCodes Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such code file (expected a file written by ae compress)", path);
        // Code files hold compact codes, so reading the whole file is cheap; every array below is sized from
        // the header only after the header has been checked against the file's real length.
        byte[] bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> file = bytes;

        int magicShown = Math.Min(file.Length, Magic.Length);
        if (!file[..magicShown].SequenceEqual(Magic[..magicShown]) || file.Length == 0)
            throw Invalid(path, $"not a code file: expected it to start with \"AECODES\", found {Describe(file[..magicShown])}");
        if (file.Length < FixedHeaderLength)
            throw Invalid(path, $"truncated: {file.Length} bytes, shorter than the {FixedHeaderLength}-byte header");
        if (file[7] != Version)
            throw Invalid(path, $"unsupported code file version {file[7]}, expected {Version}");
        if (file[8] is not ((byte)CodePrecision.Float16 or (byte)CodePrecision.Float32))
            throw Invalid(path, $"unknown precision of {file[8]} bits per value, expected 16 (float16) or 32 (float32)");
        var precision = (CodePrecision)file[8];
        if ((file[9] & ~LabelsFlag) != 0)
            throw Invalid(path, $"unknown flags 0x{file[9]:x2}, expected 0x00 or 0x01 (labels)");
        bool hasLabels = file[9] == LabelsFlag;
        int rank = file[10];
        if (rank > CompressedCodes.MaxSampleRank)
            throw Invalid(path, $"sample rank {rank}, expected 0 to {CompressedCodes.MaxSampleRank}");
        if (file[11] != 0)
            throw Invalid(path, $"reserved byte 11 is {file[11]}, expected 0");
        int count = BinaryPrimitives.ReadInt32LittleEndian(file[12..]);
        int codeSize = BinaryPrimitives.ReadInt32LittleEndian(file[16..]);
        if (count < 0)
            throw Invalid(path, $"count of codes is {count}, expected 0 or more");
        if (codeSize <= 0)
            throw Invalid(path, $"code size is {codeSize}, expected 1 or more");
        int headerLength = FixedHeaderLength + 4 * rank;
        if (file.Length < headerLength)
            throw Invalid(path, $"truncated: {file.Length} bytes, shorter than the {headerLength}-byte header of a rank-{rank} sample shape");
        int[]? shape = rank == 0 ? null : new int[rank];
        for (int i = 0; i < rank; i++)
        {
            shape![i] = BinaryPrimitives.ReadInt32LittleEndian(file[(FixedHeaderLength + 4 * i)..]);
            if (shape[i] <= 0)
                throw Invalid(path, $"sample shape size {i + 1} is {shape[i]}, expected 1 or more");
        }

        int bytesPerValue = (int)precision / 8;
        long values = (long)count * codeSize;
        long labelsLength = hasLabels ? 4L * count : 0;
        long expected = headerLength + labelsLength + values * bytesPerValue;
        string declared = $"{headerLength}-byte header, {(hasLabels ? $"{count} labels, " : "")}{count} codes of {codeSize} {precision.ToString().ToLowerInvariant()} values";
        if (file.Length < expected)
            throw Invalid(path, $"truncated: expected {expected} bytes ({declared}), found {file.Length}");
        if (file.Length > expected)
            throw Invalid(path, $"{file.Length - expected} trailing bytes after the {expected} bytes the header declares ({declared})");

        int[]? labels = null;
        if (hasLabels)
        {
            labels = new int[count];
            for (int i = 0; i < count; i++) labels[i] = BinaryPrimitives.ReadInt32LittleEndian(file[(headerLength + 4 * i)..]);
        }
        // The file fits in one array, so its values do too.
        var codes = new float[values];
        ReadOnlySpan<byte> codeBytes = file[(headerLength + (int)labelsLength)..];
        if (precision == CodePrecision.Float16)
            for (int i = 0; i < codes.Length; i++) codes[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(codeBytes[(2 * i)..]);
        else
            for (int i = 0; i < codes.Length; i++) codes[i] = BinaryPrimitives.ReadSingleLittleEndian(codeBytes[(4 * i)..]);
        return new CompressedCodes(codes, codeSize, precision, file.Slice(20, CompressedCodes.HashLength), labels, shape);
    }

    private static string Describe(ReadOnlySpan<byte> start) =>
        start.IsEmpty ? "an empty file" : $"bytes {Convert.ToHexString(start)}";

    private static InvalidDataException Invalid(string path, string problem) => new($"{path}: {problem}");
}
