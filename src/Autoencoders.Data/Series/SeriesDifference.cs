namespace Autoencoders.Data;

/// <summary>
/// Differencing at a lag (Box–Jenkins; statsmodels' <c>diff</c>): d_t = x_t − x_(t−lag), each channel alike. It removes
/// a trend (lag 1) or a season of that many steps, so that a series whose level climbs past anything seen in training
/// is judged by its changes. d_t keeps the timestamp of x_t: step i of the result is step i + lag of the input.
/// </summary>
public static class SeriesDifference
{
    /// <summary>The differenced series, <paramref name="lag"/> steps shorter; <paramref name="lag"/> 0 returns the series itself.</summary>
    public static TimeSeries Apply(TimeSeries series, int lag)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfNegative(lag);
        if (lag == 0) return series;
        if (lag >= series.Length)
            throw new ArgumentException($"{series.Source}: differencing at lag {lag} needs more than {lag} steps, received {series.Length}");
        int channels = series.ChannelCount, steps = series.Length - lag;
        var values = new float[steps * channels];
        for (int i = 0; i < values.Length; i++) values[i] = series.Values[i + lag * channels] - series.Values[i];
        return new TimeSeries(series.Times[lag..], series.TimeTexts[lag..], series.Channels, values, series.IsIsoTime, series.Source);
    }
}
