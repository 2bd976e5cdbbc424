namespace Autoencoders.Data;

/// <summary>Settings for <see cref="DatasetCatalog.Load"/>; the defaults suit the command line.</summary>
public sealed record DatasetLoadOptions
{
    /// <summary>How to read a CSV file (label column, header).</summary>
    public CsvOptions Csv { get; init; } = new();

    /// <summary>For a CSV file, the fraction of rows (0 ≤ f &lt; 1) held out at random as a test set; 0 keeps all rows for training.</summary>
    public double TestFraction { get; init; }

    /// <summary>Seed for choosing the held-out rows, so the same seed holds out the same rows.</summary>
    public ulong SplitSeed { get; init; }

    /// <summary>Whether a missing MNIST cache may be filled from the internet.</summary>
    public bool AllowDownload { get; init; } = true;

    /// <summary>Fetches MNIST files; null uses <see cref="HttpFileDownloader.Shared"/>. Tests pass a fake.</summary>
    public IFileDownloader? Downloader { get; init; }

    /// <summary>Reads environment variables (AE_FASHION_MNIST_DIR, AE_CACHE_DIR); replaceable so tests need not change the process environment.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;
}
