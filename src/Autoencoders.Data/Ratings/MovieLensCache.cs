using System.IO.Compression;
using System.Security.Cryptography;

namespace Autoencoders.Data.Ratings;

/// <summary>
/// Keeps ML-100K and ML-1M in a local folder (<c>$AE_CACHE_DIR/movielens</c>, else <c>~/.cache/autoencoders/movielens</c>),
/// downloading the archive from GroupLens when absent, checking its digest before anything is kept, and extracting it
/// into a temporary folder that is renamed into place only when complete, so the cache never holds a part.
/// </summary>
/// <remarks>
/// GroupLens publishes MD5 digests (<c>ml-100k.zip.md5</c>, <c>ml-1m.zip.md5</c>), not SHA-256, and no SHA-256 of these
/// archives could be found from this machine; the archives are checked against the published MD5s, and their SHA-256 is
/// printed on download so that it can be pinned here (<see cref="Sha256ByName"/>) once known.
/// </remarks>
public sealed class MovieLensCache
{
    public static Uri Site { get; } = new("https://files.grouplens.org/datasets/movielens/");

    /// <summary>The published MD5 of each archive, lowercase hex.</summary>
    public static IReadOnlyDictionary<string, string> Md5ByName { get; } = new Dictionary<string, string>
    {
        ["ml-100k"] = "0e33842e24a9c977be4e0107933c0723",
        ["ml-1m"] = "c4d9eecfca2ab87c1945afe126590906",
    };

    /// <summary>SHA-256 digests, checked as well where known (none yet: see the remarks).</summary>
    public static IReadOnlyDictionary<string, string> Sha256ByName { get; } = new Dictionary<string, string>();

    /// <summary>The ratings file inside each extracted archive.</summary>
    public static IReadOnlyDictionary<string, string> RatingsFileByName { get; } = new Dictionary<string, string>
    {
        ["ml-100k"] = "u.data",
        ["ml-1m"] = "ratings.dat",
    };

    private readonly IFileDownloader downloader;
    private readonly IReadOnlyDictionary<string, string> md5ByName;

    /// <param name="md5ByName">The digests to check (the published ones by default; tests pass their own archives').</param>
    public MovieLensCache(string folder, IFileDownloader downloader, IReadOnlyDictionary<string, string>? md5ByName = null)
    {
        Folder = folder;
        this.downloader = downloader;
        this.md5ByName = md5ByName ?? Md5ByName;
    }

    public string Folder { get; }

    /// <summary>The default folder, under <c>$AE_CACHE_DIR</c> when set.</summary>
    public static string DefaultFolder(Func<string, string?> getEnvironmentVariable) => DownloadCache.Folder("movielens", getEnvironmentVariable);

    /// <summary>Whether <paramref name="name"/> is ml-100k or ml-1m.</summary>
    public static bool IsName(string name) => RatingsFileByName.ContainsKey(name);

    /// <summary>The path of the dataset's ratings file, downloading and extracting the archive first when absent.</summary>
    /// <exception cref="FileNotFoundException">Not cached, and no verified archive could be downloaded (offline, or a bad digest).</exception>
    public string EnsureRatings(string name, Action<string>? report = null)
    {
        if (!RatingsFileByName.TryGetValue(name, out string? ratingsFile))
            throw new ArgumentException($"expected one of {string.Join(", ", RatingsFileByName.Keys)}, received \"{name}\"", nameof(name));
        string extracted = Path.Combine(Folder, name), ratings = Path.Combine(extracted, ratingsFile);
        if (File.Exists(ratings))
            return ratings;

        var uri = new Uri(Site, name + ".zip");
        byte[] archive;
        try
        {
            archive = downloader.Download(uri);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new FileNotFoundException(DataErrors.OneLine($"{ratings}: {name} is not in the cache and {uri} could not be downloaded ({exception.Message}); "
                + $"if this machine is offline, unzip {name}.zip from GroupLens into {Folder} or pass the ratings file with --data FILE"), ratings);
        }
        string md5 = Convert.ToHexStringLower(MD5.HashData(archive)), sha256 = Convert.ToHexStringLower(SHA256.HashData(archive));
        if (md5 != md5ByName[name] || (Sha256ByName.TryGetValue(name, out string? pinned) && pinned != sha256))
            throw new FileNotFoundException($"{ratings}: the archive from {uri} has MD5 {md5}, expected {md5ByName[name]} (GroupLens's published digest); nothing was kept", ratings);
        report?.Invoke($"{uri}: {archive.Length:N0} bytes, MD5 {md5} as published, SHA-256 {sha256}");

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
