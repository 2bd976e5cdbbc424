using Autoencoders.Applications.Series;
using Autoencoders.Data;
using Autoencoders.Drawing;

namespace Autoencoders.Cli.Output;

/// <summary>The figures of <c>ae timeseries</c>: a series with its flagged ranges over its error curve; generated series.</summary>
internal static class SeriesFigures
{
    /// <summary>Two panels sharing the step axis: the series (every channel) with flagged ranges shaded; each step's score and the threshold.</summary>
    public static RgbImage Anomalies(TimeSeries series, SeriesDetection detection, string measure)
    {
        double[] steps = [.. Enumerable.Range(0, series.Length).Select(t => (double)t)];
        var top = new LinePlot { Title = $"{Path.GetFileName(series.Source)}: {detection.Ranges.Count} flagged range(s) shaded", XLabel = "step", YLabel = "value" };
        for (int c = 0; c < series.ChannelCount; c++)
            top.AddSeries(series.Channels[c], steps, [.. Enumerable.Range(0, series.Length).Select(t => (double)series[t, c])]);
        var bottom = new LinePlot { Title = $"window {measure}, per step ({(detection.Rule == PointRule.AllWindows ? "smallest" : "largest")} of the covering windows)", XLabel = "step", YLabel = measure };
        bottom.AddSeries(measure, steps, detection.PointScores);
        bottom.AddSeries("threshold", [0, series.Length - 1], [detection.Threshold, detection.Threshold]);
        foreach (var range in detection.Ranges)
        {
            top.ShadedRanges.Add((range.Start, range.End));
            bottom.ShadedRanges.Add((range.Start, range.End));
        }
        return ImageStack.Vertical(top.Render(1000, 450), bottom.Render(1000, 350));
    }

    /// <summary>Generated windows, one line each (at most 8 drawn), in the series' units.</summary>
    public static RgbImage Samples(IReadOnlyList<float[]> samples, int channels, string title)
    {
        var plot = new LinePlot { Title = title, XLabel = "step", YLabel = "value", LineThickness = 1 };
        for (int s = 0; s < Math.Min(samples.Count, 8); s++)
        {
            int steps = samples[s].Length / channels;
            plot.AddSeries($"sample {s + 1}", [.. Enumerable.Range(0, steps).Select(t => (double)t)], [.. Enumerable.Range(0, steps).Select(t => (double)samples[s][t * channels])]);
        }
        return plot.Render(1000, 450);
    }
}
