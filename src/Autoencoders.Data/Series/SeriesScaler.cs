using System.Text.Json;

namespace Autoencoders.Data;

/// <summary>
/// Z-scores each channel of a series, x' = (x − μ) / σ, with the mean and standard deviation (population, NumPy's
/// default) of the training part, saved in the model so that test series are scaled by the same numbers. A constant
/// channel gets σ = 1, so it maps to 0 rather than dividing by zero.
/// </summary>
public sealed class SeriesScaler
{
    private readonly float[] mean, deviation;

    public SeriesScaler(float[] mean, float[] deviation)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(deviation);
        if (mean.Length == 0 || mean.Length != deviation.Length)
            throw new ArgumentException($"expected equal, non-empty mean and deviation arrays, received {mean.Length} and {deviation.Length}");
        if (mean.Any(m => !float.IsFinite(m)) || deviation.Any(d => !(d > 0) || !float.IsFinite(d)))
            throw new ArgumentException("expected finite means and positive finite deviations");
        (this.mean, this.deviation) = ((float[])mean.Clone(), (float[])deviation.Clone());
    }

    public IReadOnlyList<float> Mean => mean;

    public IReadOnlyList<float> Deviation => deviation;

    public int ChannelCount => mean.Length;

    /// <summary>The scaler of <paramref name="series"/>'s channels.</summary>
    public static SeriesScaler Fit(TimeSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        int channels = series.ChannelCount;
        var means = new float[channels];
        var deviations = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double sum = 0, squares = 0;
            for (int t = 0; t < series.Length; t++) sum += series[t, c];
            double average = sum / series.Length;
            for (int t = 0; t < series.Length; t++) squares += (series[t, c] - average) * (series[t, c] - average);
            double std = Math.Sqrt(squares / series.Length);
            means[c] = (float)average;
            deviations[c] = std > 1e-12 ? (float)std : 1f;
        }
        return new SeriesScaler(means, deviations);
    }

    /// <summary>
    /// The scaler for windows centred on their own mean (<see cref="SlidingWindows.Cut"/>, centered): the series' means,
    /// and as σ each channel's root mean square about its windows' means, so that what the network sees has unit spread
    /// (a trend inflates the series' own σ, and would leave centred windows a small fraction of it).
    /// </summary>
    public static SeriesScaler FitCentered(TimeSeries series, int window, int stride)
    {
        var fitted = Fit(series);
        int channels = series.ChannelCount;
        var windows = SlidingWindows.Cut(series.Values, channels, window, stride, centered: true);
        var squares = new double[channels];
        for (int j = 0; j < windows.Count; j++)
        {
            var row = windows.Row(j);
            for (int i = 0; i < row.Length; i++) squares[i % channels] += row[i] * row[i];
        }
        double count = (double)windows.Count * window;
        var deviations = squares.Select(sum => Math.Sqrt(sum / count)).Select(std => std > 1e-12 ? (float)std : 1f).ToArray();
        return new SeriesScaler([.. fitted.Mean], deviations);
    }

    /// <summary>Row-major (T, C) values scaled into a new array.</summary>
    public float[] Transform(ReadOnlySpan<float> values)
    {
        RequireWhole(values.Length);
        var scaled = new float[values.Length];
        for (int i = 0; i < values.Length; i++) scaled[i] = (values[i] - mean[i % mean.Length]) / deviation[i % mean.Length];
        return scaled;
    }

    /// <summary>Scaled row-major (T, C) values back in the series' units, in place.</summary>
    public void Inverse(Span<float> values)
    {
        RequireWhole(values.Length);
        for (int i = 0; i < values.Length; i++) values[i] = values[i] * deviation[i % mean.Length] + mean[i % mean.Length];
    }

    /// <summary><c>{"mean": [...], "std": [...]}</c>, for the model's metadata.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, float[]> { ["mean"] = mean, ["std"] = deviation });

    /// <summary>Reads <see cref="ToJson"/>; a damaged entry is an <see cref="InvalidDataException"/> naming <paramref name="key"/>.</summary>
    public static SeriesScaler FromJson(string key, string json)
    {
        try
        {
            var saved = JsonSerializer.Deserialize<Dictionary<string, float[]>>(json);
            return saved is not null && saved.TryGetValue("mean", out var m) && saved.TryGetValue("std", out var s)
                ? new SeriesScaler(m, s)
                : throw new InvalidDataException($"metadata \"{key}\": expected {{\"mean\": [...], \"std\": [...]}}, received {json}");
        }
        catch (Exception error) when (error is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"metadata \"{key}\": {error.Message}", error);
        }
    }

    private void RequireWhole(int length)
    {
        if (length % mean.Length != 0)
            throw new ArgumentException($"expected whole steps of {mean.Length} channels, received {length} values");
    }
}
