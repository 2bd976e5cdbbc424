using System.Buffers.Binary;

namespace Autoencoders.Cli.Tests.BadInput;

/// <summary><c>ae train</c> on missing or malformed data: exit 2, one line naming the file, nothing written.</summary>
public sealed class BadDataTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Out => folder.File("out");

    /// <summary>Trains on <paramref name="data"/> and checks the bad-input convention and that nothing was written.</summary>
    private AeResult TrainFails(string data, string subject)
    {
        var result = Ae.Run("train", "--data", data, "--epochs", "1", "--out", Out, "--threads", "1");
        FileAssert.IsBadInput(result, subject);
        FileAssert.NothingIn(Out);
        FileAssert.NoTemporaryFiles(folder.Path);
        return result;
    }

    /// <summary>Writes a valid dataset, then replaces one of its files with <paramref name="edit"/> of its bytes.</summary>
    private string DataWith(string file, bool compressed, Func<byte[], byte[]> edit)
    {
        string data = TinyImageFolder.Write(folder.File("data"), compress: compressed);
        string path = TinyImageFolder.File(data, file, compressed);
        File.WriteAllBytes(path, edit(File.ReadAllBytes(path)));
        return path;
    }

    [Fact]
    public void MissingFolder()
    {
        var result = TrainFails("/no/such/folder", "/no/such/folder");

        Assert.Contains("no such file or folder", result.Error);
    }

    [Fact]
    public void FolderWithoutIdxFiles()
    {
        string empty = folder.File("empty");
        Directory.CreateDirectory(empty);

        TrainFails(empty, empty);
    }

    [Fact]
    public void TrainImagesWithoutTheirLabels()
    {
        string data = TinyImageFolder.Write(folder.File("data"));
        File.Delete(TinyImageFolder.File(data, "train-labels-idx1-ubyte", compressed: true));

        TrainFails(data, "train-labels-idx1-ubyte");
    }

    [Theory]
    [InlineData(true, 0.5)]
    [InlineData(true, 0.99)]
    [InlineData(false, 0.5)]
    [InlineData(false, 0.01)]
    public void TruncatedImages(bool compressed, double kept)
    {
        string path = DataWith("train-images-idx3-ubyte", compressed, bytes => bytes[..(int)(bytes.Length * kept)]);

        TrainFails(Path.GetDirectoryName(path)!, path);
    }

    [Fact]
    public void TruncatedTestLabels()
    {
        string path = DataWith("t10k-labels-idx1-ubyte", compressed: false, bytes => bytes[..^1]);

        var result = TrainFails(Path.GetDirectoryName(path)!, path);

        Assert.Contains("truncated", result.Error);
    }

    [Theory]
    [InlineData(0x00000D03u)] // float images
    [InlineData(0x00000801u)] // a label file's magic where images belong
    [InlineData(0x12345678u)]
    public void WrongMagicNumber(uint magic)
    {
        string path = DataWith("train-images-idx3-ubyte", compressed: false, bytes =>
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, magic);
            return bytes;
        });

        var result = TrainFails(Path.GetDirectoryName(path)!, path);

        Assert.Contains($"wrong magic number 0x{magic:X8}", result.Error);
    }

    [Fact]
    public void HeaderDeclaringFourGigabytesInAnEightyByteFile()
    {
        // 1 × 65536 × 65536 images declared, 64 bytes supplied: must fail without allocating 4 GiB.
        string path = DataWith("train-images-idx3-ubyte", compressed: false, _ =>
        {
            var bytes = new byte[80];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, 0x00000803);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), 1);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), 65536);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), 65536);
            return bytes;
        });
        long before = GC.GetAllocatedBytesForCurrentThread();

        var result = TrainFails(Path.GetDirectoryName(path)!, path);

        Assert.Contains("4294967296", result.Error);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "allocated more than 16 MB");
    }

    [Fact]
    public void CsvFileThatDoesNotExist()
    {
        string path = folder.File("absent.csv");

        TrainFails(path, path);
    }

    [Fact]
    public void ExistingFileThatIsNotADataset()
    {
        string path = folder.File("notes.txt");
        File.WriteAllText(path, "hello");

        TrainFails(path, path);
    }

    [Fact]
    public void TestImagesOfAnotherSize()
    {
        string data = TinyImageFolder.Write(folder.File("data"));
        string other = TinyImageFolder.Write(folder.File("other"), side: 20);
        string testImages = TinyImageFolder.File(data, "t10k-images-idx3-ubyte", compressed: true);
        File.Copy(TinyImageFolder.File(other, "t10k-images-idx3-ubyte", compressed: true), testImages, overwrite: true);

        var result = TrainFails(data, testImages);

        Assert.Contains("20×20", result.Error);
        Assert.Contains("28×28", result.Error);
    }
}
