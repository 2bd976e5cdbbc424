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
        var cache = new MovieLensCache(folder.Path, downloader, new Dictionary<string, string> { ["ml-100k"] = Convert.ToHexStringLower(MD5.HashData(archive)) });
        string ratings = cache.EnsureRatings("ml-100k");
        Assert.Equal(Path.Combine(folder.Path, "ml-100k", "u.data"), ratings);
        Assert.Equal(1, RatingsFileReader.Read(ratings).Count);
        Assert.Equal("Toy Story (1995)", TitleCatalog.Read(TitleCatalog.FindBeside(ratings)!)["2"]);
        Assert.Equal(ratings, cache.EnsureRatings("ml-100k"));
        Assert.Single(downloader.Requests);
        Assert.Equal("https://files.grouplens.org/datasets/movielens/ml-100k.zip", downloader.Requests[0].ToString());
        Assert.Equal(["ml-100k"], folder.EntryNames()); // no temporary folder left
    }

    [Fact]
    public void AnArchiveWithTheWrongDigestIsNotKept()
    {
        var cache = new MovieLensCache(folder.Path, new FakeDownloader(_ => Archive()));
        var error = Assert.Throws<FileNotFoundException>(() => cache.EnsureRatings("ml-100k"));
        Assert.Contains($"expected {MovieLensCache.Md5ByName["ml-100k"]}", error.Message);
        Assert.Empty(folder.EntryNames());
    }

    [Fact]
    public void OfflineSaysWhatToDo()
    {
        var cache = new MovieLensCache(folder.Path, FakeDownloader.Offline());
        var error = Assert.Throws<FileNotFoundException>(() => cache.EnsureRatings("ml-1m"));
        Assert.Contains("if this machine is offline, unzip ml-1m.zip from GroupLens into", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
