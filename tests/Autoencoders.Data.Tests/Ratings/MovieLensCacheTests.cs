using System.IO.Compression;
using System.Security.Cryptography;
using Autoencoders.Data.Ratings;

namespace Autoencoders.Data.Tests.Ratings;

/// <summary>The ML-100K/ML-1M cache, against a local archive served by a fake downloader: checked, extracted whole or not at all.</summary>
public sealed class MovieLensCacheTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static byte[] Archive()
    {
        using var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("ml-100k/u.data").Open())) writer.Write("1\t2\t3\t0\n");
            using (var writer = new StreamWriter(zip.CreateEntry("ml-100k/u.item").Open())) writer.Write("2|Toy Story (1995)|01-Jan-1995\n");
        }
        return bytes.ToArray();
    }

    [Fact]
    public void DownloadsChecksAndExtractsTheArchiveOnce()
    {
        byte[] archive = Archive();
        var downloader = new FakeDownloader(_ => archive);
        var cache = new MovieLensCache(folder.Path, downloader, PinnedTo(archive));
        string ratings = cache.EnsureRatings("ml-100k");
        Assert.Equal(Path.Combine(folder.Path, "ml-100k", "u.data"), ratings);
        Assert.Equal(1, RatingsFileReader.Read(ratings).Count);
        Assert.Equal("Toy Story (1995)", TitleCatalog.Read(TitleCatalog.FindBeside(ratings)!)["2"]);
        Assert.Equal(ratings, cache.EnsureRatings("ml-100k"));
        Assert.Single(downloader.Requests);
        Assert.Equal("https://files.grouplens.org/datasets/movielens/ml-100k.zip", downloader.Requests[0].ToString());
        Assert.Equal(["ml-100k"], folder.EntryNames()); // no temporary folder left
    }

    private static Dictionary<string, PinnedArchive> PinnedTo(byte[] archive) =>
        new() { ["ml-100k"] = new(archive.Length, Convert.ToHexStringLower(SHA256.HashData(archive))) };

    [Fact]
    public void ADownloadThatIsNotGroupLenssArchiveIsRefusedInOneLineAndNotKept()
    {
        byte[] archive = Archive();
        var cache = new MovieLensCache(folder.Path, new FakeDownloader(_ => archive));
        var error = Assert.Throws<InvalidDataException>(() => cache.EnsureRatings("ml-100k"));
        Assert.StartsWith("https://files.grouplens.org/datasets/movielens/ml-100k.zip: ", error.Message);
        Assert.Contains($"{archive.Length:N0} bytes with SHA-256 {Convert.ToHexStringLower(SHA256.HashData(archive))}", error.Message);
        Assert.Contains("expected ml-100k.zip's 4,924,029 bytes with SHA-256 50d2a982c66986937beb9ffb3aa76efe955bf3d5c6b761f4e3a7cd717c6a3229", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(folder.EntryNames());
    }

    [Fact]
    public void AnArchiveOfTheRightSizeButAnotherDigestIsRefused()
    {
        byte[] archive = Archive();
        var pinned = new Dictionary<string, PinnedArchive> { ["ml-100k"] = new(archive.Length, new string('0', 64)) };
        var cache = new MovieLensCache(folder.Path, new FakeDownloader(_ => archive), pinned);
        var error = Assert.Throws<InvalidDataException>(() => cache.EnsureRatings("ml-100k"));
        Assert.Contains($"expected ml-100k.zip's {archive.Length:N0} bytes with SHA-256 {new string('0', 64)}", error.Message);
        Assert.Empty(folder.EntryNames());
    }

    [Fact]
    public void ACopyPutInTheCacheFolderIsCheckedAndExtractedWithoutDownloading()
    {
        byte[] archive = Archive();
        File.WriteAllBytes(Path.Combine(folder.Path, "ml-100k.zip"), archive);
        var downloader = FakeDownloader.Offline();
        string ratings = new MovieLensCache(folder.Path, downloader, PinnedTo(archive)).EnsureRatings("ml-100k");
        Assert.Equal(1, RatingsFileReader.Read(ratings).Count);
        Assert.Empty(downloader.Requests);
    }

    [Fact]
    public void AWrongCopyInTheCacheFolderIsRefusedNamingTheFile()
    {
        string copy = Path.Combine(folder.Path, "ml-1m.zip");
        File.WriteAllBytes(copy, Archive());
        var error = Assert.Throws<InvalidDataException>(() => new MovieLensCache(folder.Path, FakeDownloader.Offline()).EnsureRatings("ml-1m"));
        Assert.StartsWith($"{copy}: ", error.Message);
        Assert.Contains("expected ml-1m.zip's 5,917,549 bytes with SHA-256 a6898adb50b9ca05aa231689da44c217cb524e7ebd39d264c56e2832f2c54e20", error.Message);
        Assert.Equal(["ml-1m.zip"], folder.EntryNames());
    }

    [Fact]
    public void OfflineSaysWhatToDo()
    {
        var cache = new MovieLensCache(folder.Path, FakeDownloader.Offline());
        var error = Assert.Throws<FileNotFoundException>(() => cache.EnsureRatings("ml-1m"));
        Assert.Contains("if this machine is offline, copy ml-1m.zip from GroupLens into", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
