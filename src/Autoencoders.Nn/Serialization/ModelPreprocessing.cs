using System.Globalization;
using System.Text.Json;
using Autoencoders.Data;

namespace Autoencoders.Nn.Serialization;

/// <summary>
/// How a model saw its data in training, saved in the model file's metadata: the min-max scaler fitted on the
/// training samples (tabular data; images are already in [0, 1] and have none), the feature column names in header
/// order (CSV), and the labels it was trained on (<c>ae train --classes</c>). Raw rows go through <see cref="Apply(Span{float})"/>
/// before the model sees them.
/// </summary>
/// <param name="Scaler">The scaler fitted on the training samples, or null (images).</param>
/// <param name="FeatureNames">The CSV feature columns in training order (without <c>label</c>), or null.</param>
/// <param name="TrainingClasses">The labels the model was trained on, or null: every sample.</param>
public sealed record ModelPreprocessing(MinMaxScaler? Scaler, IReadOnlyList<string>? FeatureNames, int[]? TrainingClasses)
{
    /// <summary>Metadata key: the scaler as JSON, <c>{"minimum": [...], "maximum": [...]}</c>, one entry per feature.</summary>
    public const string MinMaxKey = "preprocessing.minmax";

    /// <summary>Metadata key: the feature column names as a JSON array of strings, in the order the model takes them.</summary>
    public const string ColumnsKey = "preprocessing.columns";

    /// <summary>Metadata key: the labels the model was trained on (<c>ae train --classes</c>), e.g. "0,2,5".</summary>
    public const string ClassesKey = "training.classes";

    /// <summary>No scaling, no names, every class.</summary>
    public static ModelPreprocessing None { get; } = new(null, null, null);

    /// <summary>The preprocessing saved in <paramref name="model"/>'s file.</summary>
    public static ModelPreprocessing Read(LoadedModel model) => Read((model ?? throw new ArgumentNullException(nameof(model))).Metadata);

    /// <summary>The preprocessing in <paramref name="metadata"/>; a damaged entry is an <see cref="InvalidDataException"/> naming its key.</summary>
    public static ModelPreprocessing Read(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var preprocessing = new ModelPreprocessing(ReadScaler(metadata), ReadColumns(metadata), ReadClasses(metadata));
        if (preprocessing.Scaler is { } scaler && preprocessing.FeatureNames is { } names && names.Count != scaler.FeatureCount)
            throw new InvalidDataException($"metadata \"{ColumnsKey}\": expected {scaler.FeatureCount} column names (as many as the scaler's features), received {names.Count}");
        return preprocessing;
    }

    /// <summary>The metadata entries that <see cref="Read(IReadOnlyDictionary{string, string})"/> reads back.</summary>
    public IReadOnlyDictionary<string, string> ToMetadata()
    {
        var metadata = new Dictionary<string, string>();
        if (Scaler is not null)
            metadata[MinMaxKey] = JsonSerializer.Serialize(new Dictionary<string, IReadOnlyList<float>> { ["minimum"] = Scaler.Minimum, ["maximum"] = Scaler.Maximum });
        if (FeatureNames is not null) metadata[ColumnsKey] = JsonSerializer.Serialize(FeatureNames);
        if (TrainingClasses is not null) metadata[ClassesKey] = string.Join(",", TrainingClasses.Select(c => c.ToString(CultureInfo.InvariantCulture)));
        return metadata;
    }

    /// <summary>Raw row-major rows, shape (n, features), preprocessed in place as in training (scaled; unchanged without a scaler).</summary>
    public void Apply(Span<float> rows) => Scaler?.Transform(rows);

    /// <summary>A preprocessed copy of <paramref name="data"/> (the same instance without a scaler).</summary>
    public Dataset Apply(Dataset data) => Scaler is null ? data : Scaler.Transform(data);

    private static MinMaxScaler? ReadScaler(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(MinMaxKey, out string? json)) return null;
        try
        {
            var saved = JsonSerializer.Deserialize<Dictionary<string, float[]>>(json);
            if (saved is null || !saved.TryGetValue("minimum", out var minimum) || !saved.TryGetValue("maximum", out var maximum))
                throw new InvalidDataException($"metadata \"{MinMaxKey}\": expected {{\"minimum\": [...], \"maximum\": [...]}}, received {json}");
            return new MinMaxScaler(minimum, maximum);
        }
        catch (Exception error) when (error is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"metadata \"{MinMaxKey}\": {error.Message}", error);
        }
    }

    private static string[]? ReadColumns(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(ColumnsKey, out string? json)) return null;
        try
        {
            string[]? names = JsonSerializer.Deserialize<string[]>(json);
            if (names is null || names.Length == 0 || names.Any(string.IsNullOrEmpty))
                throw new JsonException($"expected a non-empty array of column names, received {json}");
            return names;
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"metadata \"{ColumnsKey}\": {error.Message}", error);
        }
    }

    private static int[]? ReadClasses(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue(ClassesKey, out string? text)
            ? [.. text.Split(',').Select(part => int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int label)
                ? label
                : throw new InvalidDataException($"metadata \"{ClassesKey}\": expected labels separated by commas, received \"{text}\""))]
            : null;
}
