namespace Autoencoders.Data.Tests;

public sealed class SafeTensorsRoundTripTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static NamedTensor[] Model() =>
    [
        new("encoder.0.weight", [2, 3], [1f, -2f, 3.5f, float.Epsilon, -0f, float.MaxValue]),
        new("encoder.0.bias", [2], [0.25f, -0.125f]),
        new("scale", [], [42f]),
        new("empty", [0, 4], []),
    ];

    [Fact]
    public void TensorsAndMetadataSurviveARoundTrip()
    {
        string path = folder.File("model.safetensors");
        var metadata = new Dictionary<string, string> { ["format"] = "autoencoders", ["config"] = "{\"latent\": 2}" };

        SafeTensorsFile.Write(path, Model(), metadata);
        SafeTensorsContents contents = SafeTensorsFile.Read(path);

        foreach (NamedTensor expected in Model())
        {
            NamedTensor actual = contents.Get(expected.Name);
            Assert.Equal(expected.Shape, actual.Shape);
            Assert.Equal(expected.Data, actual.Data);
        }
        Assert.Equal(metadata, contents.Metadata);
        Assert.Equal(["empty", "encoder.0.bias", "encoder.0.weight", "scale"], contents.Tensors.Select(t => t.Name));
        Assert.Equal(["model.safetensors"], folder.EntryNames());
    }

    [Fact]
    public void IdenticalWeightsGiveByteIdenticalFilesWhateverTheInputOrder()
    {
        string first = folder.File("a.safetensors");
        string second = folder.File("b.safetensors");

        SafeTensorsFile.Write(first, Model(), new Dictionary<string, string> { ["x"] = "1", ["y"] = "2" });
        SafeTensorsFile.Write(second, Model().Reverse().ToArray(), new Dictionary<string, string> { ["y"] = "2", ["x"] = "1" });

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void WriteReplacesAnExistingFile()
    {
        string path = folder.File("model.safetensors");
        SafeTensorsFile.Write(path, Model(), new Dictionary<string, string>());

        SafeTensorsFile.Write(path, [new NamedTensor("only", [1], [7f])], new Dictionary<string, string>());

        Assert.Equal([7f], SafeTensorsFile.Read(path).Get("only", [1]).Data);
    }

    [Fact]
    public void GetReportsMissingTensorsAndWrongShapesAgainstThePath()
    {
        string path = folder.File("model.safetensors");
        SafeTensorsFile.Write(path, Model(), new Dictionary<string, string>());
        SafeTensorsContents contents = SafeTensorsFile.Read(path);

        string missing = ErrorAssert.ThrowsInvalidData(path, () => contents.Get("decoder.0.weight"));
        string wrongShape = ErrorAssert.ThrowsInvalidData(path, () => contents.Get("encoder.0.weight", [3, 2]));

        Assert.Contains("no tensor named \"decoder.0.weight\"; the file has \"empty\", \"encoder.0.bias\"", missing);
        Assert.Contains("has shape [2, 3], expected [3, 2]", wrongShape);
        Assert.False(contents.TryGet("decoder.0.weight", out _));
    }

    [Fact]
    public void InvalidTensorsAreRejectedAndLeaveTheOldFileIntact()
    {
        string path = folder.File("model.safetensors");
        SafeTensorsFile.Write(path, Model(), new Dictionary<string, string>());
        byte[] before = File.ReadAllBytes(path);
        var none = new Dictionary<string, string>();

        Assert.Throws<ArgumentException>(() => SafeTensorsFile.Write(path, [new NamedTensor("w", [2, 2], new float[3])], none));
        Assert.Throws<ArgumentException>(() => SafeTensorsFile.Write(path, [new NamedTensor("w", [1], [1f]), new NamedTensor("w", [1], [2f])], none));
        Assert.Throws<ArgumentException>(() => SafeTensorsFile.Write(path, [new NamedTensor("__metadata__", [1], [1f])], none));
        Assert.Throws<ArgumentException>(() => SafeTensorsFile.Write(path, [new NamedTensor("w", [-1], [])], none));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], folder.EntryNames());
    }

    [Fact]
    public void FailedRenameLeavesNoTemporaryFile()
    {
        // A folder where the file should go makes the final rename fail after the temporary file is complete.
        string path = folder.File("model.safetensors");
        Directory.CreateDirectory(path);

        Assert.ThrowsAny<IOException>(() => SafeTensorsFile.Write(path, Model(), new Dictionary<string, string>()));

        Assert.Equal(["model.safetensors"], folder.EntryNames());
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public void WriteIntoAMissingFolderCreatesNothing()
    {
        string path = Path.Combine(folder.Path, "missing", "model.safetensors");

        var exception = Assert.Throws<DirectoryNotFoundException>(() => SafeTensorsFile.Write(path, Model(), new Dictionary<string, string>()));

        Assert.StartsWith(Path.Combine(folder.Path, "missing") + ": ", exception.Message);
        Assert.Empty(folder.EntryNames());
    }
}
