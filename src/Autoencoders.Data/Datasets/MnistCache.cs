using System.Security.Cryptography;

namespace Autoencoders.Data;

/// <summary>Keeps the four MNIST files in a local folder, downloading and verifying any that are missing.</summary>
/// <remarks>
/// Each file is checked against its published SHA-256 before it is kept, and written atomically, so the
/// cache never holds a partial or altered file. Mirrors are tried in order.
/// </remarks>
public sealed class MnistCache
{
    /// <summary>Public copies of the MNIST files (the original site no longer serves them reliably).</summary>
    public static IReadOnlyList<Uri> Mirrors { get; } =
    [
        new("https://ossci-datasets.s3.amazonaws.com/mnist/"),
        new("https://storage.googleapis.com/cvdf-datasets/mnist/"),
    ];

    /// <summary>The four files and their SHA-256 digests (lowercase hex).</summary>
    public static IReadOnlyDictionary<string, string> Sha256ByFileName { get; } = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte.gz"] = "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
        ["train-labels-idx1-ubyte.gz"] = "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
        ["t10k-images-idx3-ubyte.gz"] = "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
        ["t10k-labels-idx1-ubyte.gz"] = "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
    };

    private readonly IFileDownloader downloader;

    /// <summary>A cache in <paramref name="folder"/> that fetches missing files with <paramref name="downloader"/>.</summary>
    public MnistCache(string folder, IFileDownloader downloader)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(downloader);
        Folder = folder;
        this.downloader = downloader;
    }

    /// <summary>Where the files are kept.</summary>
    public string Folder { get; }

    /// <summary>The default folder: <c>$AE_CACHE_DIR/mnist</c>, else <c>~/.cache/autoencoders/mnist</c>.</summary>
    public static string DefaultFolder(Func<string, string?> getEnvironmentVariable) => DownloadCache.Folder("mnist", getEnvironmentVariable);

    /// <summary>Makes sure all four files are present, downloading those that are not.</summary>
    /// <exception cref="FileNotFoundException">A file is missing and no mirror supplied a verified copy.</exception>
    public void EnsureAll()
    {
        foreach (string fileName in Sha256ByFileName.Keys)
        {
            EnsureFile(fileName);
        }
    }

    /// <summary>Returns the path of <paramref name="fileName"/> in the cache, downloading and verifying it first if absent.</summary>
    public string EnsureFile(string fileName)
    {
        if (!Sha256ByFileName.TryGetValue(fileName, out string? expectedSha256))
        {
            throw new ArgumentException($"\"{fileName}\" is not one of the MNIST files: {string.Join(", ", Sha256ByFileName.Keys)}", nameof(fileName));
        }
        string path = Path.Combine(Folder, fileName);
        if (File.Exists(path))
        {
            return path;
        }

        var failures = new List<string>();
        foreach (Uri mirror in Mirrors)
        {
            var uri = new Uri(mirror, fileName);
            byte[] bytes;
            try
            {
                bytes = downloader.Download(uri);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                failures.Add($"{uri.Host}: {exception.Message}");
                continue;
            }

            string actualSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (actualSha256 != expectedSha256)
            {
                failures.Add($"{uri.Host}: SHA-256 {actualSha256}, expected {expectedSha256}");
                continue;
            }
            Directory.CreateDirectory(Folder);
            AtomicFile.WriteAllBytes(path, bytes);
            return path;
        }

        throw new FileNotFoundException(DataErrors.OneLine(
            $"{path}: MNIST file missing and could not be downloaded ({string.Join("; ", failures)}); "
            + $"if this machine is offline, copy the four MNIST .gz files into {Folder} or pass --data FOLDER"), path);
    }
}
