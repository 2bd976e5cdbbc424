using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Autoencoders.Data.Tests;

/// <summary>Checks the writer against the format itself: the reference implementation's own byte-exact test vectors, and a hand parse.</summary>
public sealed class SafeTensorsSpecTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private byte[] WriteAndReadBack(IReadOnlyList<NamedTensor> tensors, Dictionary<string, string> metadata)
    {
        string path = folder.File(Guid.NewGuid().ToString("N") + ".safetensors");
        SafeTensorsFile.Write(path, tensors, metadata);
        return File.ReadAllBytes(path);
    }

    [Fact]
    public void MatchesReferenceSerialisationTest()
    {
        // huggingface/safetensors tensor.rs test_serialization: "attn.0", F32, shape [1, 2, 3], values 0..5.
        byte[] expected = SafeTensorsBytes.Build(
            "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}",
            SafeTensorsBytes.Floats(0, 1, 2, 3, 4, 5));
        Assert.Equal(64, expected[0]);

        byte[] actual = WriteAndReadBack([new NamedTensor("attn.0", [1, 2, 3], [0, 1, 2, 3, 4, 5])], []);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void MatchesReferenceForcedAlignmentTest()
    {
        // tensor.rs test_serialization_forced_alignement: the 65-byte header is padded with 7 spaces to 72.
        byte[] expected = SafeTensorsBytes.Build(
            "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}       ",
            SafeTensorsBytes.Floats(0, 1, 2, 3, 4, 5));

        byte[] actual = WriteAndReadBack([new NamedTensor("attn0", [1, 1, 2, 3], [0, 1, 2, 3, 4, 5])], []);

        Assert.Equal(expected, actual);
        Assert.Equal(72UL, BinaryPrimitives.ReadUInt64LittleEndian(actual));
    }

    [Fact]
    public void MatchesReferenceEmptyTests()
    {
        // tensor.rs test_empty: no tensors gives "{}" plus six spaces; with metadata, __metadata__ alone.
        Assert.Equal(SafeTensorsBytes.Build("{}      ", []), WriteAndReadBack([], []));
        Assert.Equal(
            SafeTensorsBytes.Build("{\"__metadata__\":{\"framework\":\"pt\"}}     ", []),
            WriteAndReadBack([], new Dictionary<string, string> { ["framework"] = "pt" }));
    }

    [Fact]
    public void HandParsedOutputFollowsTheSpecification()
    {
        NamedTensor[] tensors =
        [
            new("b", [3], [1.5f, -2f, 1e-3f]),
            new("a", [2, 2], [1f, 2f, 3f, 4f]),
        ];
        byte[] file = WriteAndReadBack(tensors, new Dictionary<string, string> { ["note"] = "µ \"quoted\"" });

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0UL, headerLength % 8);
        string header = Encoding.UTF8.GetString(file, 8, (int)headerLength);
        // Padding: fewer than 8 spaces after the closing brace.
        Assert.InRange(header.Length - header.TrimEnd(' ').Length, 0, 7);
        Assert.EndsWith("}", header.TrimEnd(' '));
        using JsonDocument json = JsonDocument.Parse(header);
        JsonProperty[] entries = json.RootElement.EnumerateObject().ToArray();

        Assert.Equal(["__metadata__", "a", "b"], entries.Select(entry => entry.Name));
        Assert.Equal("µ \"quoted\"", entries[0].Value.GetProperty("note").GetString());
        Assert.Equal("F32", entries[1].Value.GetProperty("dtype").GetString());
        Assert.Equal([2, 2], entries[1].Value.GetProperty("shape").EnumerateArray().Select(size => size.GetInt32()));
        Assert.Equal([0, 16], entries[1].Value.GetProperty("data_offsets").EnumerateArray().Select(offset => offset.GetInt32()));
        Assert.Equal([16, 28], entries[2].Value.GetProperty("data_offsets").EnumerateArray().Select(offset => offset.GetInt32()));

        byte[] data = file[(8 + (int)headerLength)..];
        Assert.Equal(28, data.Length);
        Assert.Equal(SafeTensorsBytes.Floats(1f, 2f, 3f, 4f, 1.5f, -2f, 1e-3f), data);
    }
}
