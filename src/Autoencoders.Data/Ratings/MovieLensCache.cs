using System.IO.Compression;
using System.Security.Cryptography;

namespace Autoencoders.Data.Ratings;

/// <summary>
/// Keeps ML-100K and ML-1M in a local folder (<c>$AE_CACHE_DIR/movielens</c>, else <c>~/.cache/autoencoders/movielens</c>).
/// The archive is taken from that folder when a copy has been put there (<c>ml-100k.zip</c>: the way in for an offline
/// machine), else downloaded from GroupLens; either way its size and SHA-256 are checked against the pinned ones before
/// anything is kept, and it is extracted into a temporary folder renamed into place only when complete, so the cache
/// never holds a part.
/// </summary>
public sealed class MovieLensCache
{
    public static Uri Site { get; } = new("https://files.grouplens.org/datasets/movielens/");

    /// <summary>The pinned size in bytes and SHA-256 (lowercase hex) of each GroupLens archive.</summary>
    public static IReadOnlyDictionary<string, PinnedArchive> PinnedByName { get; } = new Dictionary<string, PinnedArchive>
    {
        ["ml-100k"] = new(4_924_029, "50d2a982c66986937beb9ffb3aa76efe955bf3d5c6b761f4e3a7cd717c6a3229"),
        ["ml-1m"] = new(5_917_549, "a6898adb50b9ca05aa231689da44c217cb524e7ebd39d264c56e2832f2c54e20"),
    };

    /// <summary>The ratings file inside each extracted archive.</summary>
    public static IReadOnlyDictionary<string, string> RatingsFileByName { get; } = new Dictionary<string, string>
    {
        ["ml-100k"] = "u.data",
        ["ml-1m"] = "ratings.dat",
    };

    private readonly IFileDownloader downloader;
    private readonly IReadOnlyDictionary<string, PinnedArchive> pinnedByName;

    /// <param name="pinnedByName">The sizes and digests to check (GroupLens's archives by default; tests pass their own archives').</param>
    public MovieLensCache(string folder, IFileDownloader downloader, IReadOnlyDictionary<string, PinnedArchive>? pinnedByName = null)
    {
        Folder = folder;
        this.downloader = downloader;
        this.pinnedByName = pinnedByName ?? PinnedByName;
    }

    public string Folder { get; }

    /// <summary>The default folder, under <c>$AE_CACHE_DIR</c> when set.</summary>
    public static string DefaultFolder(Func<string, string?> getEnvironmentVariable) => DownloadCache.Folder("movielens", getEnvironmentVariable);

    /// <summary>Whether <paramref name="name"/> is ml-100k or ml-1m.</summary>
    public static bool IsName(string name) => RatingsFileByName.ContainsKey(name);

    /// <summary>The path of the dataset's ratings file, downloading and extracting the archive first when absent.</summary>
    /// <exception cref="FileNotFoundException">Not cached, and no archive could be read or downloaded (offline).</exception>
    /// <exception cref="InvalidDataException">The archive's size or SHA-256 is not the pinned one.</exception>
    public string EnsureRatings(string name, Action<string>? report = null)
    {
        if (!RatingsFileByName.TryGetValue(name, out string? ratingsFile))
            throw new ArgumentException($"expected one of {string.Join(", ", RatingsFileByName.Keys)}, received \"{name}\"", nameof(name));
        string extracted = Path.Combine(Folder, name), ratings = Path.Combine(extracted, ratingsFile);
        if (File.Exists(ratings))
            return ratings;

        var uri = new Uri(Site, name + ".zip");
        string localArchive = Path.Combine(Folder, name + ".zip");
        string source = File.Exists(localArchive) ? localArchive : uri.ToString();
        byte[] archive;
        try
        {
            archive = File.Exists(localArchive) ? File.ReadAllBytes(localArchive) : downloader.Download(uri);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new FileNotFoundException(DataErrors.OneLine($"{ratings}: {name} is not in the cache and {source} could not be read ({exception.Message}); "
                + $"if this machine is offline, copy {name}.zip from GroupLens into {Folder} or pass the ratings file with --data FILE"), ratings);
        }
        PinnedArchive pinned = pinnedByName[name];
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(archive));
        if (archive.Length != pinned.Bytes || sha256 != pinned.Sha256)
            throw new InvalidDataException($"{source}: {archive.Length:N0} bytes with SHA-256 {sha256}, expected {name}.zip's {pinned.Bytes:N0} bytes with SHA-256 {pinned.Sha256}; nothing was extracted");
        report?.Invoke($"{source}: {archive.Length:N0} bytes, SHA-256 {sha256} as pinned");

        string temporary = Path.Combine(Folder, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(temporary);
            using (var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read))
                zip.ExtractToDirectory(temporary);
            // The archives hold one folder named after themselves (ml-100k/u.data); that folder becomes the cache entry.
            string inner = Path.Combine(temporary, name);
            if (!File.Exists(Path.Combine(inner, ratingsFile)))
                throw new InvalidDataException($"{uri}: the archive holds no {name}/{ratingsFile}");
            if (Directory.Exists(extracted)) Directory.Delete(extracted, recursive: true);
            Directory.Move(inner, extracted);
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
        return ratings;
    }
}
