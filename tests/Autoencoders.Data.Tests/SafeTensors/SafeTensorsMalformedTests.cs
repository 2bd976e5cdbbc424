using System.Buffers.Binary;

namespace Autoencoders.Data.Tests;

/// <summary>Each of the format's checks, one broken file each; every failure is an <see cref="InvalidDataException"/> naming the path.</summary>
public sealed class SafeTensorsMalformedTests : IDisposable
{
    private const string TwoTensors =
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Expect(string name, byte[] file, string problem)
    {
        string path = folder.WriteBytes(name, file);
        string message = ErrorAssert.ThrowsInvalidData(path, () => SafeTensorsFile.Read(path));
        Assert.Contains(problem, message);
        return message;
    }

    private string ExpectHeader(string headerJson, byte[] data, string problem) =>
        Expect(Guid.NewGuid().ToString("N") + ".safetensors", SafeTensorsBytes.Build(headerJson, data), problem);

    [Fact]
    public void ValidFileCutAtEveryByteIsRejected()
    {
        string source = folder.File("whole.safetensors");
        SafeTensorsFile.Write(source, [new NamedTensor("w", [2, 3], [1, 2, 3, 4, 5, 6]), new NamedTensor("b", [3], [7, 8, 9])],
            new Dictionary<string, string> { ["k"] = "v" });
        byte[] whole = File.ReadAllBytes(source);
        Assert.NotNull(SafeTensorsFile.Read(source));

        for (int length = 0; length < whole.Length; length++)
        {
            string path = folder.WriteBytes($"cut-{length}.safetensors", whole[..length]);
            ErrorAssert.ThrowsInvalidData(path, () => SafeTensorsFile.Read(path));
        }
    }

    [Fact]
    public void HugeHeaderLengthIsRejectedBeforeReading()
    {
        var file = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(file, ulong.MaxValue);
        Expect("huge.safetensors", file, $"header length {ulong.MaxValue} exceeds the 100000000-byte limit");

        BinaryPrimitives.WriteUInt64LittleEndian(file, 100_000_001);
        Expect("over-limit.safetensors", file, "exceeds the 100000000-byte limit");
    }

    [Fact]
    public void HeaderLongerThanTheFileIsRejected()
    {
        byte[] file = SafeTensorsBytes.Build("{}      ", []);
        BinaryPrimitives.WriteUInt64LittleEndian(file, 9);

        Expect("long-header.safetensors", file, "header length 9 exceeds the 8 bytes after the length prefix");
    }

    [Fact]
    public void NonJsonHeaderIsRejected() => ExpectHeader("not json at all!", [], "header is not valid JSON");

    [Fact]
    public void InvalidUtf8HeaderIsRejected() =>
        Expect("utf8.safetensors", SafeTensorsBytes.Build([(byte)'{', 0xC3, 0x28, (byte)'}'], []), "header is not valid UTF-8");

    [Fact]
    public void HeaderMustBeAnObject() => ExpectHeader("[1, 2]  ", [], "header is a JSON array, expected an object");

    [Fact]
    public void GapBetweenTensorsIsRejected() => ExpectHeader(
        TwoTensors.Replace("[8,12]", "[12,16]"), new byte[16], "tensor \"b\": data_offsets [12, 16] leave a gap; expected it to begin at 8");

    [Fact]
    public void OverlappingTensorsAreRejected() => ExpectHeader(
        TwoTensors.Replace("[8,12]", "[4,8]"), new byte[8], "data_offsets [4, 8] overlap the previous tensor");

    [Fact]
    public void FirstTensorMustStartAtZero() => ExpectHeader(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8], "leave a gap; expected it to begin at 0");

    [Fact]
    public void EndBeforeBeginIsRejected() => ExpectHeader(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}",
        new byte[4], "data_offsets [4, 0] end before they begin");

    [Fact]
    public void OtherDtypesAreRejectedByName() => ExpectHeader(
        TwoTensors.Replace("\"F32\",\"shape\":[1]", "\"F16\",\"shape\":[1]"), new byte[12], "tensor \"b\": dtype \"F16\" is not supported, expected \"F32\"");

    [Fact]
    public void ShapeThatDoesNotMatchTheByteSpanIsRejected() => ExpectHeader(
        TwoTensors.Replace("\"shape\":[2]", "\"shape\":[3]"), new byte[12], "tensor \"a\": shape [3] needs 12 bytes of F32, but data_offsets [0, 8] span 8");

    [Fact]
    public void OverflowingShapeIsRejected() => ExpectHeader(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647,2147483647],\"data_offsets\":[0,4]}}",
        new byte[4], "overflows 64-bit sizes");

    [Fact]
    public void TrailingBytesAreRejected() => ExpectHeader(TwoTensors, new byte[13], "1 trailing bytes follow them");

    [Fact]
    public void MissingDataIsRejected() => ExpectHeader(TwoTensors, new byte[11], "tensors end at byte 12 of the data section, but it holds 11 bytes: the file is truncated");

    [Theory]
    [InlineData("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", "tensor \"a\": missing \"dtype\"")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", "tensor \"a\": missing \"shape\"")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", "tensor \"a\": missing \"data_offsets\"")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", "\"shape\" must hold non-negative integers, found -1")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}}", "\"shape\" must hold non-negative integers, found 1.0")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", "\"data_offsets\" has 3 values, expected 2")]
    [InlineData("{\"a\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}}", "\"dtype\" is a JSON number, expected string")]
    [InlineData("{\"a\":[1,2]}", "tensor \"a\": entry is a JSON array")]
    [InlineData("{\"__metadata__\":{\"k\":1}}", "\"__metadata__\" entry \"k\" is a JSON number, expected a string")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "header has \"a\" twice")]
    public void MalformedEntriesAreNamed(string header, string problem) => ExpectHeader(header, new byte[4], problem);

    [Fact]
    public void FileShorterThanTheLengthPrefixIsRejected() =>
        Expect("tiny.safetensors", [1, 2, 3], "file is 3 bytes, too short for the 8-byte header length");

    [Fact]
    public void MultiLineJsonErrorsStillGiveOneLine()
    {
        string message = ExpectHeader("{\n\"a\":\n  nonsense\n}", [], "header is not valid JSON");

        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void HeaderMayListTensorsInAnyOrderAndBePaddedWithSpaces()
    {
        string reordered = "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}   ";
        string path = folder.WriteBytes("reordered.safetensors", SafeTensorsBytes.Build(reordered, SafeTensorsBytes.Floats(1, 2, 3)));

        SafeTensorsContents contents = SafeTensorsFile.Read(path);

        Assert.Equal(["a", "b"], contents.Tensors.Select(tensor => tensor.Name));
        Assert.Equal([3f], contents.Get("b").Data);
        Assert.Empty(contents.Metadata);
    }

    [Fact]
    public void HostileHeaderAllocatesOnlyWhatTheFileHolds()
    {
        // Declares a 4 GiB tensor, supplies 4 bytes: must fail on the layout check, never allocating the tensor.
        string path = folder.WriteBytes("hostile.safetensors", SafeTensorsBytes.Build(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1073741824],\"data_offsets\":[0,4294967296]}}", new byte[4]));
        Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Read(path));

        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Read(path));

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
    }

    [Fact]
    public void MissingFileIsFileNotFound()
    {
        string path = folder.File("absent.safetensors");

        var exception = Assert.Throws<FileNotFoundException>(() => SafeTensorsFile.Read(path));

        ErrorAssert.IsOneLineAbout(exception, path);
    }
}
