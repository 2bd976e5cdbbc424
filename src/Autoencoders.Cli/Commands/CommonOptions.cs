using System.CommandLine;
using Autoencoders.Data;

namespace Autoencoders.Cli.Commands;

/// <summary>Options and argument checks that several commands share, so that they read and fail alike.</summary>
internal static class CommonOptions
{
    public const string DataHelp = "dataset: fashion-mnist (Debian's dataset-fashion-mnist), mnist (cached or downloaded), a folder of the four IDX files, or a .csv file";

    public static Option<string> Data(string defaultValue = "fashion-mnist") =>
        new("--data") { Description = DataHelp, DefaultValueFactory = _ => defaultValue, HelpName = "NAME|PATH" };

    public static Option<int> Threads() =>
        new("--threads") { Description = "threads for the math kernels (default: one per core)", DefaultValueFactory = _ => 0, HelpName = "N" };

    public static Option<int?> Limit() =>
        new("--limit") { Description = "train on the first N training samples only (the test split stays whole)", HelpName = "N" };

    /// <summary>Loads the dataset, mapping the loaders' errors to one-line usage errors.</summary>
    public static DatasetSplit LoadData(string nameOrPath, int? limit)
    {
        RequirePositiveLimit(limit);
        DatasetSplit split = DatasetCatalog.Load(nameOrPath);
        return limit is { } n ? split.LimitTraining(n) : split;
    }

    /// <summary>--limit, when given, must be a positive number of samples.</summary>
    public static void RequirePositiveLimit(int? limit)
    {
        if (limit is <= 0)
            throw new UsageException($"--limit must be a positive number of samples, received {limit}");
    }

    public static int Positive(int value, string option) =>
        value > 0 ? value : throw new UsageException($"{option} must be a positive integer, received {value}");

    public static int Threads(int value) =>
        value >= 0 ? value : throw new UsageException($"--threads must be 0 (one per core) or more, received {value}");

    /// <summary>An output file's folder must exist (or be creatable); checked before any long work starts.</summary>
    public static void RequireWritableFolderFor(string file)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (!Directory.Exists(folder))
            throw new UsageException($"{file}: folder {folder} does not exist");
    }
}
