namespace Autoencoders.Data;

/// <summary>Resolves what a user types after <c>--data</c> (a dataset name, a folder or a CSV file) into a train/test split.</summary>
/// <remarks>
/// Names win over paths: <c>mnist</c> is the named dataset even if a folder called "mnist" exists; write
/// <c>./mnist</c> for the folder.
/// </remarks>
public static class DatasetCatalog
{
    /// <summary>Zalando's Fashion-MNIST, from the Debian package dataset-fashion-mnist.</summary>
    public const string FashionMnistName = "fashion-mnist";

    /// <summary>LeCun's handwritten digits, cached locally after one download.</summary>
    public const string MnistName = "mnist";

    /// <summary>Where the Debian package dataset-fashion-mnist installs its files.</summary>
    public const string DefaultFashionMnistFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>Fashion-MNIST's labels 0–9 in order (https://github.com/zalandoresearch/fashion-mnist).</summary>
    public static IReadOnlyList<string> FashionMnistClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>MNIST's labels 0–9: the digits themselves.</summary>
    public static IReadOnlyList<string> DigitClassNames { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>Loads <c>fashion-mnist</c>, <c>mnist</c>, a folder of IDX files or a <c>.csv</c> file.</summary>
    /// <exception cref="FileNotFoundException">A file, or the named dataset, is missing.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder, or the named dataset's folder, is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed; the message starts with its path.</exception>
    public static DatasetSplit Load(string nameOrPath, DatasetLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        options ??= new DatasetLoadOptions();
        if (nameOrPath.Equals(FashionMnistName, StringComparison.OrdinalIgnoreCase))
        {
            return LoadFashionMnist(options);
        }
        if (nameOrPath.Equals(MnistName, StringComparison.OrdinalIgnoreCase))
        {
            return LoadMnist(options);
        }
        if (Directory.Exists(nameOrPath))
        {
            return IdxFolderLoader.Load(nameOrPath, "IDX dataset", classNames: null);
        }

        bool isCsv = Path.GetExtension(nameOrPath).Equals(".csv", StringComparison.OrdinalIgnoreCase);
        if (File.Exists(nameOrPath))
        {
            return isCsv
                ? CsvSplitter.Load(nameOrPath, options)
                : throw DataErrors.Invalid(nameOrPath, "not a dataset; expected a .csv file, a folder of IDX files, or one of the names mnist, fashion-mnist");
        }

        string message = $"{nameOrPath}: no such file or folder; expected a dataset name (mnist, fashion-mnist), a folder of IDX files or a .csv file";
        throw isCsv ? new FileNotFoundException(message, nameOrPath) : new DirectoryNotFoundException(message);
    }

    private static DatasetSplit LoadFashionMnist(DatasetLoadOptions options)
    {
        string? overridden = options.GetEnvironmentVariable("AE_FASHION_MNIST_DIR");
        string folder = string.IsNullOrEmpty(overridden) ? DefaultFashionMnistFolder : overridden;
        if (!Directory.Exists(folder))
        {
            string source = string.IsNullOrEmpty(overridden) ? "" : " (from AE_FASHION_MNIST_DIR)";
            throw new DirectoryNotFoundException(
                $"{folder}{source}: Fashion-MNIST not found; install it with `apt-get install dataset-fashion-mnist`, set AE_FASHION_MNIST_DIR, or pass --data FOLDER");
        }
        return IdxFolderLoader.Load(folder, "Fashion-MNIST", FashionMnistClassNames);
    }

    private static DatasetSplit LoadMnist(DatasetLoadOptions options)
    {
        var cache = new MnistCache(MnistCache.DefaultFolder(options.GetEnvironmentVariable), options.Downloader ?? HttpFileDownloader.Shared);
        if (options.AllowDownload)
        {
            cache.EnsureAll();
        }
        else
        {
            string? missing = MnistCache.Sha256ByFileName.Keys.Select(name => Path.Combine(cache.Folder, name)).FirstOrDefault(path => !File.Exists(path));
            if (missing is not null)
            {
                throw new FileNotFoundException($"{missing}: MNIST file not cached and downloads are disabled; copy the four MNIST .gz files into {cache.Folder} or pass --data FOLDER", missing);
            }
        }
        return IdxFolderLoader.Load(cache.Folder, "MNIST", DigitClassNames);
    }
}
