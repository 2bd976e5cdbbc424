using Autoencoders.Data.Tests;
using Autoencoders.Drawing;

namespace Autoencoders.Cli.Tests.Translation;

/// <summary>Paired image folders that do not pair exit 2 with one line naming the first offending file, and leave no output.</summary>
public sealed class BadPairedDataTests
{
    private static AeResult Train(TemporaryFolder temp, string a, string b) =>
        Ae.Run("train", "--data", a, "--targets", b, "--filters", "2", "--epochs", "1", "--out", temp.File("run"));

    private static void AssertRefused(AeResult result, TemporaryFolder temp, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.ErrorLines));
        Assert.False(Directory.Exists(temp.File("run")), "a refused run must not leave an output folder");
    }

    [Fact]
    public void AFileWithoutItsPairIsNamed()
    {
        using var temp = new TemporaryFolder();
        var (a, b) = PairedPngFolders.Write(temp.Path, count: 6);
        File.Delete(Path.Combine(b, "003.png"));
        AssertRefused(Train(temp, a, b), temp, $"{Path.Combine(a, "003.png")}: has no pair in {b}");
    }

    [Fact]
    public void AnImageOfAnotherSizeIsNamed()
    {
        using var temp = new TemporaryFolder();
        var (a, b) = PairedPngFolders.Write(temp.Path, count: 6);
        PngFile.Save(Path.Combine(b, "004.png"), new RgbImage(20, 16));
        AssertRefused(Train(temp, a, b), temp, $"{Path.Combine(b, "004.png")}: is 20×16, expected 16×16");
    }

    [Fact]
    public void ATruncatedPngIsNamed()
    {
        using var temp = new TemporaryFolder();
        var (a, b) = PairedPngFolders.Write(temp.Path, count: 6);
        string file = Path.Combine(a, "002.png");
        byte[] bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        AssertRefused(Train(temp, a, b), temp, file);
    }

    [Fact]
    public void TextCalledPngIsNamed()
    {
        using var temp = new TemporaryFolder();
        var (a, b) = PairedPngFolders.Write(temp.Path, count: 6);
        File.WriteAllText(Path.Combine(a, "001.png"), "not an image");
        AssertRefused(Train(temp, a, b), temp, $"{Path.Combine(a, "001.png")}: not a PNG or JPEG image");
    }

    [Fact]
    public void ATaskWithTargetsIsRefused()
    {
        using var temp = new TemporaryFolder();
        var (a, b) = PairedPngFolders.Write(temp.Path, count: 6);
        var result = Ae.Run("train", "--data", a, "--targets", b, "--task", "deblur", "--out", temp.File("run"));
        AssertRefused(result, temp, "give --task or --targets, not both");
    }

    [Fact]
    public void AMaskAsLargeAsTheImageIsRefused()
    {
        using var temp = new TemporaryFolder();
        var (a, _) = PairedPngFolders.Write(temp.Path, count: 6);
        var result = Ae.Run("train", "--data", a, "--task", "inpaint", "--mask-size", "16", "--out", temp.File("run"));
        AssertRefused(result, temp, "--task inpaint: a 16×16 mask");
    }
}
