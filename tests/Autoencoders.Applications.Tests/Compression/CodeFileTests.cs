using System.Buffers.Binary;
using Autoencoders.Applications.Compression;
using Autoencoders.Data.Tests;

namespace Autoencoders.Applications.Tests.Compression;

/// <summary>Code files: what is written reads back (exactly at float32, to half precision at float16), the bytes
/// follow the documented layout, and every kind of damage is refused with a message naming the file.</summary>
public sealed class CodeFileTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static byte[] Hash => [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 1))];

    /// <summary>3 codes of 4 values spanning several magnitudes, with labels and an image shape.</summary>
    private static CompressedCodes Sample(CodePrecision precision, bool labels = true, int[]? shape = null) =>
        new([0.1f, -2.5f, 1234.567f, 1e-3f, 0f, 3.14159265f, -0.333333f, 65000f, 7.77e-5f, 42f, -1f, 0.999f],
            4, precision, Hash, labels ? [3, 0, 9] : null, shape ?? [2, 3]);

    private string WriteSample(CodePrecision precision, out CompressedCodes codes)
    {
        codes = Sample(precision);
        string path = folder.File($"codes-{precision}.aec");
        CodeFile.Write(path, codes);
        return path;
    }

    [Fact]
    public void Float32RoundTripsExactly()
    {
        string path = WriteSample(CodePrecision.Float32, out var written);

        var read = CodeFile.Read(path);

        Assert.Equal(written.Codes, read.Codes);
        Assert.Equal(CodePrecision.Float32, read.Precision);
        Assert.Equal((3, 4), (read.Count, read.CodeSize));
        Assert.Equal(new[] { 3, 0, 9 }, read.Labels);
        Assert.Equal(new[] { 2, 3 }, read.SampleShape);
        Assert.Equal(Hash, read.ModelSha256.ToArray());
        Assert.Equal(52 + 8 + 3 * 4 + 12 * 4, new FileInfo(path).Length);
        Assert.Equal(CodeFile.Length(written), new FileInfo(path).Length);
        Assert.Equal(["codes-Float32.aec"], folder.EntryNames()); // no temporary file left
    }

    [Fact]
    public void Float16KeepsHalfPrecisionAndReadsBackWhatWasMeasured()
    {
        float[] original = Sample(CodePrecision.Float32).Codes;
        string path = WriteSample(CodePrecision.Float16, out var written);

        var read = CodeFile.Read(path);

        Assert.Equal(written.Codes, read.Codes); // the rounding happens once, before writing
        for (int i = 0; i < original.Length; i++)
        {
            // binary16 has 11 significant bits: rounding to nearest errs by at most half a unit in the last place, 2⁻¹¹ relative
            // (values below 2⁻¹⁴ are subnormal, with an absolute step of 2⁻²⁴).
            float tolerance = Math.Max(Math.Abs(original[i]) * MathF.Pow(2, -11), MathF.Pow(2, -25));
            Assert.True(Math.Abs(read.Codes[i] - original[i]) <= tolerance, $"value {i}: {original[i]} stored as {read.Codes[i]}");
        }
        Assert.NotEqual(original[5], read.Codes[5]); // π is not a half: rounding really happened
        Assert.Equal(52 + 8 + 3 * 4 + 12 * 2, new FileInfo(path).Length);
    }

    [Fact]
    public void Float16RefusesValuesItCannotHold()
    {
        var error = Assert.Throws<ArgumentException>(() => new CompressedCodes([1f, 70_000f], 2, CodePrecision.Float16, Hash));
        Assert.Contains("code 1, value 2 is 70000", error.Message);
    }

    [Fact]
    public void TheBytesFollowTheDocumentedLayout()
    {
        string path = WriteSample(CodePrecision.Float32, out _);
        byte[] bytes = File.ReadAllBytes(path);

        Assert.Equal("AECODES"u8.ToArray(), bytes[..7]);
        Assert.Equal([1, 32, 1, 2, 0], bytes[7..12]); // version, bits per value, labels flag, sample rank, reserved
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12)));
        Assert.Equal(4, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16)));
        Assert.Equal(Hash, bytes[20..52]);
        Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(52)));
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(56)));
        Assert.Equal(9, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(60 + 8))); // third label
        Assert.Equal(-2.5f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(72 + 4)));  // second value of the first code
    }

    [Fact]
    public void WithoutLabelsOrShape()
    {
        var codes = new CompressedCodes([1f, 2f, 3f], 3, CodePrecision.Float16, Hash);
        string path = folder.File("plain.aec");
        CodeFile.Write(path, codes);

        var read = CodeFile.Read(path);

        Assert.Null(read.Labels);
        Assert.Null(read.SampleShape);
        Assert.Equal([1f, 2f, 3f], read.Codes);
        Assert.Equal(52 + 6, new FileInfo(path).Length);
    }

    [Fact]
    public void NoCodesAtAllIsAValidFile()
    {
        string path = folder.File("empty.aec");
        CodeFile.Write(path, new CompressedCodes([], 5, CodePrecision.Float32, Hash, [], null));

        var read = CodeFile.Read(path);

        Assert.Equal((0, 5), (read.Count, read.CodeSize));
        Assert.Empty(read.Labels!);
    }

    [Fact]
    public void TruncatedAtEveryOffset()
    {
        byte[] bytes = File.ReadAllBytes(WriteSample(CodePrecision.Float16, out _));
        for (int length = 0; length < bytes.Length; length++)
        {
            string path = folder.WriteBytes($"cut-{length}.aec", bytes[..length]);
            var error = Assert.Throws<InvalidDataException>(() => CodeFile.Read(path));
            Assert.StartsWith($"{path}: ", error.Message);
            Assert.Contains(length == 0 ? "empty" : "truncated", error.Message);
        }
    }

    [Fact]
    public void TrailingBytes()
    {
        byte[] bytes = File.ReadAllBytes(WriteSample(CodePrecision.Float32, out _));
        string path = folder.WriteBytes("long.aec", [.. bytes, 0]);

        var error = Assert.Throws<InvalidDataException>(() => CodeFile.Read(path));

        Assert.Equal($"{path}: 1 trailing bytes after the 120 bytes the header declares (60-byte header, 3 labels, 3 codes of 4 float32 values)", error.Message);
    }

    [Theory]
    [InlineData(0, (byte)'X', "not a code file: expected it to start with \"AECODES\", found bytes 5845434F444553")]
    [InlineData(7, 2, "unsupported code file version 2, expected 1")]
    [InlineData(8, 8, "unknown precision of 8 bits per value, expected 16 (float16) or 32 (float32)")]
    [InlineData(9, 3, "unknown flags 0x03")]
    [InlineData(10, 9, "sample rank 9, expected 0 to 8")]
    [InlineData(11, 1, "reserved byte 11 is 1, expected 0")]
    [InlineData(12, 4, "truncated: expected 140 bytes (60-byte header, 4 labels, 4 codes of 4 float32 values), found 120")]
    [InlineData(15, 0x80, "count of codes is -2147483645, expected 0 or more")]
    [InlineData(16, 0, "code size is 0, expected 1 or more")]
    [InlineData(16, 2, "24 trailing bytes after the 96 bytes the header declares (60-byte header, 3 labels, 3 codes of 2 float32 values)")] // the size disagrees with the file's length
    [InlineData(10, 1, "4 trailing bytes after the 116 bytes")] // a shorter shape shifts everything: the length no longer adds up
    [InlineData(56, 0, "sample shape size 2 is 0, expected 1 or more")]
    [InlineData(8, 16, "(60-byte header, 3 labels, 3 codes of 4 float16 values)")] // float16 declared over float32 values
    public void DamagedHeader(int offset, byte value, string expected)
    {
        byte[] bytes = File.ReadAllBytes(WriteSample(CodePrecision.Float32, out _));
        bytes[offset] = value;
        string path = folder.WriteBytes("damaged.aec", bytes);

        var error = Assert.Throws<InvalidDataException>(() => CodeFile.Read(path));

        Assert.StartsWith($"{path}: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void AMissingFile()
    {
        string path = folder.File("nothing.aec");
        var error = Assert.Throws<FileNotFoundException>(() => CodeFile.Read(path));
        Assert.StartsWith($"{path}: no such code file", error.Message);
    }
}
