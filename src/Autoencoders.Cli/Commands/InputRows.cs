using Autoencoders.Data;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>--input FILE|FOLDER</c>: every row of a CSV file (columns matched by name to the model's training columns), an
/// IDX images file, or an IDX folder's t10k images (with their labels), read a chunk at a time.
/// </summary>
internal static class InputRows
{
    /// <summary>Rows per chunk read, scored and written: 8 forward passes of <see cref="Applications.Anomaly.AnomalyDetector.BatchRows"/>.</summary>
    public const int ChunkRows = 8192;

    public const string Help = "every row of a CSV file (columns matched by name to the training columns; a label column is kept, not scored), an IDX images file, or an IDX folder's t10k images; read in chunks, so any size works";

    public static IRowReader Open(string input, ModelPreprocessing preprocessing, int featureCount)
    {
        IRowReader reader;
        if (Directory.Exists(input))
        {
            string images = FindIdx(input, "t10k-images", "idx3") ?? throw new UsageException($"--input {input}: a folder must hold t10k-images-idx3-ubyte (optionally .gz); give a CSV or IDX file otherwise");
            reader = new IdxRowReader(images, FindIdx(input, "t10k-labels", "idx1"));
        }
        else if (!File.Exists(input))
            throw new UsageException($"--input {input}: no such file or folder");
        else if (Path.GetExtension(input).Equals(".csv", StringComparison.OrdinalIgnoreCase))
            return new CsvRowReader(input, preprocessing.FeatureNames, featureCount);
        else
            reader = new IdxRowReader(input);
        if (reader.FeatureCount != featureCount)
        {
            reader.Dispose();
            throw new UsageException($"--input {input}: the model expects rows of {featureCount} values, the images have {reader.FeatureCount} pixels");
        }
        return reader;
    }

    // The original names (t10k-images-idx3-ubyte) and the dotted copies (t10k-images.idx3-ubyte), optionally gzipped.
    private static string? FindIdx(string folder, string stem, string kind) =>
        new[] { $"{stem}-{kind}-ubyte", $"{stem}.{kind}-ubyte" }.SelectMany(name => new[] { name, name + ".gz" })
            .Select(name => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
}
