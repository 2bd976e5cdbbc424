using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Applications.Training;

/// <summary>
/// Data as a trained model sees it: read the way <c>ae train</c> read it (a CSV column named <c>label</c> holds the
/// labels) and scaled with the min-max scaler that training fitted and saved in the model file. Images are already in
/// [0, 1] and are left alone; CSV columns are scaled to [0, 1] on the training samples, so that reconstruction errors
/// of columns in different units can be compared and summed.
/// </summary>
public static class ModelData
{
    /// <summary>Metadata key of the scaler (<see cref="ModelPreprocessing.MinMaxKey"/>).</summary>
    public const string MinMaxKey = ModelPreprocessing.MinMaxKey;

    /// <summary>Metadata key of the training classes (<see cref="ModelPreprocessing.ClassesKey"/>).</summary>
    public const string ClassesKey = ModelPreprocessing.ClassesKey;

    /// <summary>The CSV column that holds labels, when a header names it.</summary>
    public const string LabelColumn = "label";

    /// <summary>Loads <paramref name="data"/> and applies <paramref name="model"/>'s saved preprocessing to both splits.</summary>
    public static DatasetSplit Load(string data, LoadedModel model) => Apply(ScalerOf(model), LoadRaw(data));

    /// <summary>Loads <paramref name="data"/> unscaled; a CSV header column named <c>label</c> becomes the labels.</summary>
    public static DatasetSplit LoadRaw(string data) =>
        IsCsv(data) && HeaderOf(data) is { } header && header.Contains(LabelColumn, StringComparer.Ordinal)
            ? DatasetCatalog.Load(data, new DatasetLoadOptions { Csv = new CsvOptions { LabelColumn = LabelColumn } })
            : DatasetCatalog.Load(data);

    /// <summary>Whether training on <paramref name="data"/> fits a scaler: tabular (CSV) data, whose columns have arbitrary units.</summary>
    public static bool IsTabular(string data) => IsCsv(data) && File.Exists(data);

    /// <summary>Both splits scaled by <paramref name="scaler"/> (null: unchanged).</summary>
    public static DatasetSplit Apply(MinMaxScaler? scaler, DatasetSplit split)
    {
        if (scaler is null) return split;
        if (scaler.FeatureCount != split.Train.FeatureCount)
            throw new SettingsException($"the model was trained on data of {scaler.FeatureCount} features, {split.Description} has {split.Train.FeatureCount}");
        return split with
        {
            Train = scaler.Transform(split.Train),
            Test = split.Test is null ? null : scaler.Transform(split.Test),
            Description = $"{split.Description}; columns min-max scaled to [0, 1] on the training samples",
        };
    }

    /// <summary>The value of metadata <see cref="MinMaxKey"/>, which <see cref="ScalerOf"/> reads back.</summary>
    public static string ScalerMetadata(MinMaxScaler scaler) => new ModelPreprocessing(scaler, null, null).ToMetadata()[MinMaxKey];

    /// <summary>The scaler saved by <c>ae train</c>, or null for a model trained on images.</summary>
    public static MinMaxScaler? ScalerOf(LoadedModel model) => ModelPreprocessing.Read(model).Scaler;

    /// <summary>The labels the model was trained on (<c>training.classes</c>), or null when it was trained on every sample.</summary>
    public static int[]? TrainingClassesOf(LoadedModel model) => ModelPreprocessing.Read(model).TrainingClasses;

    /// <summary>
    /// Parses a list of classes such as "0,2,5" (or class names, "Bag,Coat") against the labels of
    /// <paramref name="labelled"/>; every class must occur there. Sorted, without repeats.
    /// </summary>
    public static int[] ParseClasses(string text, Dataset labelled, string option, string dataDescription)
    {
        if (labelled.Labels is null)
            throw new SettingsException($"{option}: {dataDescription} has no labels (a CSV file needs a column named \"{LabelColumn}\")");
        var present = labelled.Labels.ToHashSet();
        var classes = new SortedSet<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int named = labelled.ClassNames is { } names ? names.ToList().IndexOf(part) : -1;
            int label = int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) ? number
                : named >= 0 ? named
                : throw new SettingsException($"{option}: expected labels or class names separated by commas, received \"{text}\"");
            if (!present.Contains(label))
                throw new SettingsException($"{option}: class {part} does not occur in {dataDescription}; its labels are {string.Join(",", present.Order())}");
            classes.Add(label);
        }
        return [.. classes];
    }

    /// <summary>"0,2,5": how a class list is written in metadata and reports.</summary>
    public static string FormatClasses(IEnumerable<int> classes) => string.Join(",", classes.Select(c => c.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The names of a CSV file's feature columns (its header without the label column), or null (images, no header).</summary>
    public static IReadOnlyList<string>? FeatureNamesOf(string data, int featureCount)
    {
        if (!IsTabular(data) || HeaderOf(data) is not { } header) return null;
        string[] names = [.. header.Where(name => name != LabelColumn)];
        bool isHeader = names.Any(name => !double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return isHeader && names.Length == featureCount ? names : null;
    }

    private static bool IsCsv(string data) => Path.GetExtension(data).Equals(".csv", StringComparison.OrdinalIgnoreCase);

    // The first non-blank line's cells. Only to find the label column and names: the CSV reader checks the file itself.
    private static string[]? HeaderOf(string path)
    {
        if (!File.Exists(path)) return null;
        string? first = File.ReadLines(path).FirstOrDefault(line => !string.IsNullOrWhiteSpace(line));
        return first?.Split(',').Select(cell => cell.Trim().Trim('"')).ToArray();
    }
}
