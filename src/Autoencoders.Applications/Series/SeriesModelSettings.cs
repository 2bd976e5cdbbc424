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
/// <param name="Difference">The lag of <see cref="SeriesDifference"/> applied before z-scoring (0: none); the scaler is fitted on the differences.</param>
/// <param name="Centered">Whether each window has its own mean subtracted, channel by channel, after z-scoring (<c>--center-windows</c>): windows judged by their shape, not their level.</param>
public sealed record SeriesModelSettings(
    string Preset, IReadOnlyList<string> Channels, string? TimeColumn, int Window, int Stride, ReconstructionMeasure Measure, SeriesScaler Scaler, int Difference = 0, bool Centered = false)
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
            ["preset"] = Preset, ["channels"] = Channels, ["time_column"] = TimeColumn, ["window"] = Window, ["stride"] = Stride, ["measure"] = MeasureName, ["difference"] = Difference, ["centered"] = Centered,
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
                ParseMeasure(measure), SeriesScaler.FromJson(ScalerKey, scaler),
                // Models written before differencing existed have no "difference": none.
                root.TryGetProperty("difference", out var difference) ? difference.GetInt32() : 0,
                root.TryGetProperty("centered", out var centered) && centered.GetBoolean());
            if (settings.Channels.Count != settings.Scaler.ChannelCount || settings.Window < 1 || settings.Stride < 1 || settings.Difference < 0)
                throw new FormatException($"expected {settings.Scaler.ChannelCount} channels, a positive window and stride and a difference lag of 0 or more, received {json}");
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

    /// <summary>
    /// The windows of <paramref name="series"/>, differenced at <see cref="Difference"/>, z-scored by
    /// <see cref="Scaler"/> and, when <see cref="Centered"/>, each centred on its own mean: window j covers steps [jS, jS + W) of the differenced series, steps [jS + lag, jS + lag + W) of the input.
    /// </summary>
    public Dataset Windows(TimeSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.ChannelCount != ChannelCount)
            throw new ArgumentException($"{series.Source}: expected {ChannelCount} value columns ({string.Join(", ", Channels)}), received {series.ChannelCount}");
        return SlidingWindows.Cut(Scaler.Transform(SeriesDifference.Apply(series, Difference).Values), ChannelCount, Window, Stride, Centered);
    }

    /// <summary>Steps of the input series that a window sequence needs: the window plus the lag the differencing consumes.</summary>
    public int StepsNeeded => Window + Difference;

    /// <summary>
    /// Per-step scores in the input series' positions (<paramref name="length"/> steps) from the windows' scores: the first
    /// <see cref="Difference"/> steps have no difference and score NaN (never flagged).
    /// </summary>
    public double[] PointScores(IReadOnlyList<double> windowScores, int length, PointRule rule)
    {
        double[] differenced = WindowPoints.Scores(windowScores, Window, Stride, length - Difference, rule);
        if (Difference == 0) return differenced;
        var scores = new double[length];
        Array.Fill(scores, double.NaN, 0, Difference);
        differenced.CopyTo(scores, Difference);
        return scores;
    }
}
