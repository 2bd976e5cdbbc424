namespace Autoencoders.Applications.Series;

/// <summary>
/// Writes known anomalies into a copy of a series (T, C), every channel alike, and returns where they are: the labels
/// real series lack, so that detection can be scored on them.
/// </summary>
public static class AnomalyInjection
{
    /// <summary>The kinds by the names the command line and the acceptance tables use.</summary>
    public static string Name(AnomalyKind kind) => kind switch
    {
        AnomalyKind.Spike => "spike",
        AnomalyKind.LevelShift => "level-shift",
        AnomalyKind.Flat => "flat",
        _ => "changed-period",
    };

    public static AnomalyKind Parse(string name) => name switch
    {
        "spike" => AnomalyKind.Spike,
        "level-shift" => AnomalyKind.LevelShift,
        "flat" => AnomalyKind.Flat,
        "changed-period" => AnomalyKind.ChangedPeriod,
        _ => throw new ArgumentException($"unknown anomaly kind \"{name}\", expected spike, level-shift, flat or changed-period"),
    };

    /// <summary>
    /// A copy of row-major (T, C) <paramref name="values"/> with one anomaly of <paramref name="kind"/> over steps
    /// [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) (a spike takes one step), and the range it occupies.
    /// </summary>
    /// <param name="magnitude">Spike height and level shift, in standard deviations of each channel over the whole series.</param>
    public static (float[] Values, AnomalyRange Range) Inject(ReadOnlySpan<float> values, int channels, AnomalyKind kind, int start, int length, double magnitude)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        int steps = values.Length / channels;
        if (kind == AnomalyKind.Spike) length = 1;
        if (start < 0 || length < 1 || start + length > steps)
            throw new ArgumentOutOfRangeException(nameof(start), $"expected an anomaly within the series' {steps} steps, received steps {start} to {start + length - 1}");
        float[] result = values.ToArray();
        for (int c = 0; c < channels; c++)
        {
            float deviation = Deviation(values, channels, c);
            for (int t = start; t < start + length; t++)
            {
                ref float value = ref result[t * channels + c];
                value = kind switch
                {
                    AnomalyKind.Spike or AnomalyKind.LevelShift => value + (float)(magnitude * deviation),
                    AnomalyKind.Flat => values[start * channels + c],
                    _ => HalfSpeed(values, channels, c, start, t),
                };
            }
        }
        return (result, new AnomalyRange(start, start + length - 1, double.NaN));
    }

    // The value the segment reaches at step t when it runs at half speed from its start: x(start + (t − start) / 2).
    private static float HalfSpeed(ReadOnlySpan<float> values, int channels, int channel, int start, int t)
    {
        double position = start + (t - start) / 2.0;
        int below = (int)position;
        double fraction = position - below;
        float low = values[below * channels + channel], high = values[Math.Min(below + 1, values.Length / channels - 1) * channels + channel];
        return (float)(low + fraction * (high - low));
    }

    private static float Deviation(ReadOnlySpan<float> values, int channels, int channel)
    {
        int steps = values.Length / channels;
        double sum = 0, squares = 0;
        for (int t = 0; t < steps; t++) sum += values[t * channels + channel];
        double mean = sum / steps;
        for (int t = 0; t < steps; t++) squares += (values[t * channels + channel] - mean) * (values[t * channels + channel] - mean);
        return (float)Math.Sqrt(squares / steps);
    }
}
