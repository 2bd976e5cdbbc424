namespace Autoencoders.Drawing.Tests;

public sealed class PngFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("png-file-tests-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void SaveWritesADecodableFileAndNoTemporaryFiles()
    {
        string path = Path.Combine(directory, "plot.png");
        var image = new RgbImage(9, 4, new Color(10, 20, 30));

        PngFile.Save(path, image);

        Assert.Equal(["plot.png"], Directory.GetFiles(directory).Select(Path.GetFileName));
        Assert.Equal(image.Pixels, PngCodec.Decode(path).Pixels);
    }

    [Fact]
    public void SaveOverwritesAnExistingFile()
    {
        string path = Path.Combine(directory, "plot.png");
        File.WriteAllText(path, "not a png");

        PngFile.Save(path, new RgbImage(3, 3, Color.White));

        RgbImage decoded = PngCodec.Decode(path);
        Assert.Equal((3, 3), (decoded.Width, decoded.Height));
        Assert.All(decoded.Pixels, value => Assert.Equal(255, value));
        Assert.Single(Directory.GetFiles(directory));
    }

    [Fact]
    public void FailedSaveLeavesOldFileAndNoTemporaryFile()
    {
        // A directory where the file should go makes the final move fail after the temporary file was written.
        string path = Path.Combine(directory, "taken");
        Directory.CreateDirectory(path);

        Assert.ThrowsAny<IOException>(() => PngFile.Save(path, new RgbImage(2, 2)));

        Assert.Empty(Directory.GetFiles(directory));
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public void MissingDirectoryIsReportedAndNothingIsCreated()
    {
        string path = Path.Combine(directory, "missing", "plot.png");

        Assert.Throws<DirectoryNotFoundException>(() => PngFile.Save(path, new RgbImage(2, 2)));
        Assert.False(Directory.Exists(Path.Combine(directory, "missing")));
    }
}
