namespace Autoencoders.Data.Tests;

/// <summary>The MNIST cache, exercised with fake downloaders only: these tests never touch the network.</summary>
public sealed class MnistCacheTests : IDisposable
{
    private const string SharedMnistToken = TestFolders.SharedMnist;
    private static readonly string SharedMnist = TestFolders.Resolve(SharedMnistToken);
    private readonly TemporaryFolder cacheRoot = new();

    public void Dispose() => cacheRoot.Dispose();

    private string MnistFolder => Path.Combine(cacheRoot.Path, "mnist");

    private DatasetLoadOptions Options(IFileDownloader downloader, bool allowDownload = true) => new()
    {
        Downloader = downloader,
        AllowDownload = allowDownload,
        GetEnvironmentVariable = name => name == "AE_CACHE_DIR" ? cacheRoot.Path : null,
    };

    [Fact]
    public void OfflineFailsWithOneClearLineAndLeavesNoFiles()
    {
        var offline = FakeDownloader.Offline();

        var exception = Assert.Throws<FileNotFoundException>(() => DatasetCatalog.Load("mnist", Options(offline)));

        ErrorAssert.IsOneLineAbout(exception, Path.Combine(MnistFolder, "train-images-idx3-ubyte.gz"));
        Assert.Contains("offline", exception.Message);
        Assert.Contains("--data FOLDER", exception.Message);
        Assert.Contains("ossci-datasets.s3.amazonaws.com: Name or service not known", exception.Message);
        Assert.Contains("storage.googleapis.com", exception.Message);
        Assert.Equal(MnistCache.Mirrors.Count, offline.Requests.Count);
        Assert.False(Directory.Exists(MnistFolder) && Directory.EnumerateFileSystemEntries(MnistFolder).Any());
    }

    [Fact]
    public void DownloadWithWrongChecksumIsNotKept()
    {
        var tampered = new FakeDownloader(_ => [1, 2, 3]);
        var cache = new MnistCache(MnistFolder, tampered);

        var exception = Assert.Throws<FileNotFoundException>(() => cache.EnsureFile("t10k-labels-idx1-ubyte.gz"));

        Assert.Contains("SHA-256 039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81, expected f7ae60f9", exception.Message);
        Assert.False(File.Exists(Path.Combine(MnistFolder, "t10k-labels-idx1-ubyte.gz")));
    }

    [RequiresFolderFact(SharedMnistToken)]
    public void VerifiedDownloadIsWrittenOnceAndThenReused()
    {
        byte[] real = File.ReadAllBytes(Path.Combine(SharedMnist, "t10k-labels-idx1-ubyte.gz"));
        // The first mirror fails, so the second one must be tried.
        var flaky = new FakeDownloader(uri => uri.Host.StartsWith("ossci", StringComparison.Ordinal) ? throw new HttpRequestException("503") : real);
        var cache = new MnistCache(MnistFolder, flaky);

        string path = cache.EnsureFile("t10k-labels-idx1-ubyte.gz");
        string again = cache.EnsureFile("t10k-labels-idx1-ubyte.gz");

        Assert.Equal(path, again);
        Assert.Equal(real, File.ReadAllBytes(path));
        Assert.Equal(2, flaky.Requests.Count);
        Assert.Equal(new Uri("https://storage.googleapis.com/cvdf-datasets/mnist/t10k-labels-idx1-ubyte.gz"), flaky.Requests[1]);
        Assert.Equal(["t10k-labels-idx1-ubyte.gz"], Directory.EnumerateFileSystemEntries(MnistFolder).Select(Path.GetFileName));
    }

    [Fact]
    public void CachedFilesAreLoadedWithoutDownloading()
    {
        Directory.CreateDirectory(MnistFolder);
        IdxFolders.WritePair(MnistFolder, "train", 6);
        IdxFolders.WritePair(MnistFolder, "t10k", 2);
        var offline = FakeDownloader.Offline();

        DatasetSplit split = DatasetCatalog.Load("MNIST", Options(offline));

        Assert.Empty(offline.Requests);
        Assert.Equal(6, split.Train.Count);
        Assert.Equal(2, split.Test!.Count);
        Assert.Equal(DatasetCatalog.DigitClassNames, split.Train.ClassNames);
        Assert.StartsWith("MNIST from " + MnistFolder, split.Description);
    }

    [Fact]
    public void DisabledDownloadsFailWithoutAsking()
    {
        var offline = FakeDownloader.Offline();

        var exception = Assert.Throws<FileNotFoundException>(() => DatasetCatalog.Load("mnist", Options(offline, allowDownload: false)));

        Assert.Contains("downloads are disabled", exception.Message);
        Assert.Empty(offline.Requests);
    }

    [Fact]
    public void DefaultFolderFollowsAeCacheDir()
    {
        Assert.Equal(Path.Combine("/tmp/ae", "mnist"), MnistCache.DefaultFolder(name => name == "AE_CACHE_DIR" ? "/tmp/ae" : null));
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, ".cache", "autoencoders", "mnist"), MnistCache.DefaultFolder(_ => null));
    }

    [Fact]
    public void UnknownFileNameIsAnArgumentError()
    {
        var cache = new MnistCache(MnistFolder, FakeDownloader.Offline());

        Assert.Throws<ArgumentException>(() => cache.EnsureFile("train-images.zip"));
    }
}
