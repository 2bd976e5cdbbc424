using System.Text.Json;
using Autoencoders.Applications.Anomaly;
using Autoencoders.Data;

namespace Autoencoders.Applications.Series;

/// <summary>
/// How a time-series model saw its data, saved in its file so that detection cuts and scales a test series the same
/// way: the value columns (channels), the timestamp column, the window and stride, the error measure, and the z-scoring
/// fitted on the training part.
/// </summary>
/// <param name="TimeColumn">The timestamp column named at training, or null (found by its name, <see cref="TimeSeriesCsv.TimeColumnNames"/>).</param>
public sealed record SeriesModelSettings(
    string Preset, IReadOnlyList<string> Channels, string? TimeColumn, int Window, int Stride, ReconstructionMeasure Measure, SeriesScaler Scaler)
{
    /// <summary>Metadata key: window, stride, channels, time column, measure, preset as JSON.</summary>
    public const string SettingsKey = "timeseries.settings";

    /// <summary>Metadata key: the z-scoring, <c>{"mean": [...], "std": [...]}</c>, one entry per channel.</summary>
    public const string ScalerKey = "timeseries.zscore";

    public int ChannelCount => Channels.Count;

    /// <summary>Values per window: W · C.</summary>
    public int WindowValues => Window * ChannelCount;

    /// <summary>"mae" or "mse", as <see cref="Calibration.Score"/> names it.</summary>
    public string MeasureName => Measure == ReconstructionMeasure.MeanAbsolute ? Calibration.MeanAbsoluteErrorScore : Calibration.MeanSquaredErrorScore;

    public IReadOnlyDictionary<string, string> ToMetadata() => new Dictionary<string, string>
    {
        [SettingsKey] = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["preset"] = Preset, ["channels"] = Channels, ["time_column"] = TimeColumn, ["window"] = Window, ["stride"] = Stride, ["measure"] = MeasureName,
        }),
        [ScalerKey] = Scaler.ToJson(),
    };

    /// <summary>The settings in a model file's metadata, or null when it is not a time-series model.</summary>
    public static SeriesModelSettings? Read(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.TryGetValue(SettingsKey, out string? json)) return null;
        if (!metadata.TryGetValue(ScalerKey, out string? scaler))
            throw new InvalidDataException($"metadata \"{ScalerKey}\": missing beside \"{SettingsKey}\"");
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            string measure = root.GetProperty("measure").GetString()!;
            var settings = new SeriesModelSettings(
                root.GetProperty("preset").GetString()!,
                [.. root.GetProperty("channels").EnumerateArray().Select(c => c.GetString()!)],
                root.GetProperty("time_column").GetString(),
                root.GetProperty("window").GetInt32(), root.GetProperty("stride").GetInt32(),
                ParseMeasure(measure), SeriesScaler.FromJson(ScalerKey, scaler));
            if (settings.Channels.Count != settings.Scaler.ChannelCount || settings.Window < 1 || settings.Stride < 1)
                throw new FormatException($"expected {settings.Scaler.ChannelCount} channels and a positive window and stride, received {json}");
            return settings;
        }
        catch (Exception error) when (error is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException($"metadata \"{SettingsKey}\": {error.Message}", error);
        }
    }

    /// <summary>"mae" or "mse".</summary>
    public static ReconstructionMeasure ParseMeasure(string name) => name switch
    {
        Calibration.MeanAbsoluteErrorScore => ReconstructionMeasure.MeanAbsolute,
        Calibration.MeanSquaredErrorScore => ReconstructionMeasure.MeanSquared,
        _ => throw new ArgumentException($"expected an error measure mae or mse, received \"{name}\""),
    };

    /// <summary>The windows of <paramref name="series"/>, z-scored by <see cref="Scaler"/>.</summary>
    public Dataset Windows(TimeSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.ChannelCount != ChannelCount)
            throw new ArgumentException($"{series.Source}: expected {ChannelCount} value columns ({string.Join(", ", Channels)}), received {series.ChannelCount}");
        return SlidingWindows.Cut(Scaler.Transform(series.Values), ChannelCount, Window, Stride);
    }
}
