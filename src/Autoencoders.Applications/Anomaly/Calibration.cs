using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoencoders.Applications.Codecs;
using Autoencoders.Data;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Applications.Anomaly;

/// <summary>
/// The distribution of per-sample anomaly scores (mean squared reconstruction error, <see cref="ReconstructionError.PerSample"/>)
/// that <c>ae train</c> measured on its training or validation samples and saved in the model file, so that a
/// threshold belongs to the model and is the same number whatever data is scored later.
/// </summary>
/// <remarks>
/// Up to <see cref="ExactLimit"/> samples the sorted errors themselves are kept (float32), so every quantile is exact;
/// beyond, a dense sketch: the exact quantiles at q = i / 10,000, i = 0 … 10,000 (<see cref="SketchQuantiles"/> values),
/// interpolated linearly in between. Saved in metadata key <c>calibration.SOURCE</c> as JSON, the values as base64 of
/// little-endian float32 (docs/model-files.md).
/// </remarks>
public sealed class Calibration
{
    public const string ValidationSource = "validation";
    public const string TrainingSource = "training";

    /// <summary>The score the record holds: mean squared reconstruction error per sample.</summary>
    public const string MeanSquaredErrorScore = "mse";

    /// <summary>The score of a record measured with <see cref="ReconstructionMeasure.MeanAbsolute"/>: mean absolute error per sample.</summary>
    public const string MeanAbsoluteErrorScore = "mae";

    /// <summary>Up to this many samples the record keeps every error; more are summarised by the sketch.</summary>
    public const int ExactLimit = 100_000;

    /// <summary>Points of the quantile sketch: q = 0, 0.0001, …, 1.</summary>
    public const int SketchQuantiles = 10_001;

    /// <summary>Metadata keys are this prefix and the source: <c>calibration.validation</c>, <c>calibration.training</c>.</summary>
    public const string MetadataPrefix = "calibration.";

    // Sorted ascending: every error (exact) or the sketch's quantiles.
    private readonly float[] values;

    private Calibration(string source, string score, int count, double max, double mean, double std, bool isExact, float[] values)
    {
        Source = source;
        Score = score;
        Count = count;
        Max = max;
        Mean = mean;
        Std = std;
        IsExact = isExact;
        this.values = values;
    }

    /// <summary>"validation" (the held-out split) or "training".</summary>
    public string Source { get; }

    /// <summary>The per-sample score measured: <see cref="MeanSquaredErrorScore"/> or <see cref="MeanAbsoluteErrorScore"/>.</summary>
    public string Score { get; }

    /// <summary>How many samples were scored.</summary>
    public int Count { get; }

    public double Max { get; }

    public double Mean { get; }

    /// <summary>Population standard deviation (divided by <see cref="Count"/>, NumPy's default).</summary>
    public double Std { get; }

    /// <summary>Whether every error is kept (≤ <see cref="ExactLimit"/> samples), not a sketch.</summary>
    public bool IsExact { get; }

    /// <summary>The sorted errors (exact) or the sketch's quantiles, ascending.</summary>
    public IReadOnlyList<float> Values => values;

    /// <summary>The metadata key this record is saved under.</summary>
    public string MetadataKey => MetadataPrefix + Source;

    /// <summary>The record of <paramref name="scores"/> measured on <paramref name="source"/> samples.</summary>
    /// <param name="score">What the scores are: <see cref="MeanSquaredErrorScore"/> (the default) or <see cref="MeanAbsoluteErrorScore"/>.</param>
    public static Calibration FromScores(IReadOnlyList<double> scores, string source, string score = MeanSquaredErrorScore)
    {
        ArgumentNullException.ThrowIfNull(scores);
        RequireSource(source);
        if (scores.Count == 0) throw new ArgumentException("expected at least one score, received none", nameof(scores));
        double[] sorted = [.. scores];
        if (sorted.Any(s => !double.IsFinite(s)))
            throw new ArgumentException("expected finite scores, received NaN or infinity", nameof(scores));
        Array.Sort(sorted);
        double mean = sorted.Average();
        double variance = sorted.Sum(s => (s - mean) * (s - mean)) / sorted.Length;
        bool exact = sorted.Length <= ExactLimit;
        float[] kept = exact
            ? [.. sorted.Select(s => (float)s)]
            : [.. Enumerable.Range(0, SketchQuantiles).Select(i => (float)AnomalyThreshold.QuantileOfSorted(sorted, (double)i / (SketchQuantiles - 1)))];
        return new Calibration(source, score, sorted.Length, sorted[^1], mean, Math.Sqrt(variance), exact, kept);
    }

    /// <summary>Scores <paramref name="samples"/> (already preprocessed as the model sees them) and records them.</summary>
    public static Calibration Measure(ICodec codec, Dataset samples, string source) =>
        FromScores(ReconstructionError.PerSample(codec, samples), source);

    /// <summary>Scores <paramref name="samples"/> by <paramref name="measure"/> and records them under its score name.</summary>
    public static Calibration Measure(ICodec codec, Dataset samples, string source, ReconstructionMeasure measure) =>
        FromScores(ReconstructionError.PerSample(codec, samples, measure), source,
            measure == ReconstructionMeasure.MeanAbsolute ? MeanAbsoluteErrorScore : MeanSquaredErrorScore);

    /// <summary>The q ∈ [0, 1] quantile, interpolated as NumPy's default (<see cref="AnomalyThreshold.FromQuantile"/>).</summary>
    public double Quantile(double q) => AnomalyThreshold.QuantileOfSorted(values, q);

    /// <summary>"6,000 validation samples", for threshold descriptions.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Count:N0} {Source} samples");

    /// <summary>The record of <paramref name="source"/> in <paramref name="metadata"/>, or null when there is none.</summary>
    public static Calibration? Read(IReadOnlyDictionary<string, string> metadata, string source)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        RequireSource(source);
        return metadata.TryGetValue(MetadataPrefix + source, out string? json) ? Parse(MetadataPrefix + source, json) : null;
    }

    /// <summary>The validation record where there is one (the honest choice: samples the model did not fit), else the training record, else null.</summary>
    public static Calibration? ReadPreferred(IReadOnlyDictionary<string, string> metadata) =>
        Read(metadata, ValidationSource) ?? Read(metadata, TrainingSource);

    /// <summary>The loaded model's preferred record (<see cref="ReadPreferred"/>), or null for a model file written before records.</summary>
    public static Calibration? Read(LoadedModel model) => ReadPreferred((model ?? throw new ArgumentNullException(nameof(model))).Metadata);

    /// <summary>The JSON saved under <see cref="MetadataKey"/>; keys in a fixed order, so the same record gives the same bytes.</summary>
    public string ToMetadataValue()
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("source", Source);
            json.WriteString("score", Score);
            json.WriteNumber("count", Count);
            json.WriteNumber("max", Max);
            json.WriteNumber("mean", Mean);
            json.WriteNumber("std", Std);
            json.WriteString("kind", IsExact ? "sorted" : "quantiles");
            json.WriteString("values_float32_base64", Convert.ToBase64String(bytes));
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads what <see cref="ToMetadataValue"/> wrote; a damaged record is an <see cref="InvalidDataException"/> naming <paramref name="key"/>.</summary>
    public static Calibration Parse(string key, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            string source = root.GetProperty("source").GetString()!;
            string kind = root.GetProperty("kind").GetString()!;
            int count = root.GetProperty("count").GetInt32();
            byte[] bytes = Convert.FromBase64String(root.GetProperty("values_float32_base64").GetString()!);
            if (kind is not ("sorted" or "quantiles"))
                throw new FormatException($"expected kind \"sorted\" or \"quantiles\", received \"{kind}\"");
            int expected = kind == "sorted" ? count : SketchQuantiles;
            if (bytes.Length != expected * sizeof(float) || count < 1)
                throw new FormatException($"expected {expected} float32 values for {count} samples, received {bytes.Length} bytes");
            var values = new float[expected];
            for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
            for (int i = 1; i < values.Length; i++)
                if (!(values[i] >= values[i - 1])) throw new FormatException($"expected values sorted ascending, value {i} is not");
            RequireSource(source);
            return new Calibration(source, root.GetProperty("score").GetString()!, count, root.GetProperty("max").GetDouble(),
                root.GetProperty("mean").GetDouble(), root.GetProperty("std").GetDouble(), kind == "sorted", values);
        }
        catch (Exception error) when (error is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException($"metadata \"{key}\": {error.Message}", error);
        }
    }

    private static void RequireSource(string source)
    {
        if (source is not (ValidationSource or TrainingSource))
            throw new ArgumentException($"expected source \"{ValidationSource}\" or \"{TrainingSource}\", received \"{source}\"", nameof(source));
    }
}
