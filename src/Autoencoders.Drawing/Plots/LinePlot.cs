namespace Autoencoders.Drawing;

/// <summary>
/// Named (x, y) series drawn by ScottPlot as lines, with a legend in the emptiest corner — e.g. "loss"
/// and "val_loss" per epoch:
/// <code>new LinePlot { Title = "Training", XLabel = "epoch", YLabel = "loss" }.AddSeries("loss", epochs, losses).Render()</code>
/// Missing points (NaN, ±∞, or beyond ±1e300) are skipped, leaving a gap; a point with no drawable neighbour is drawn as a dot.
/// </summary>
public sealed class LinePlot
{
    private readonly List<(string Name, double[] X, double[] Y)> series = [];

    public string? Title { get; set; }

    public string? XLabel { get; set; }

    public string? YLabel { get; set; }

    /// <summary>Line width in pixels.</summary>
    public int LineThickness { get; set; } = 2;

    /// <summary>Ranges of x, ends inclusive, shaded behind the lines (flagged anomalies); a range narrower than one x unit (one step) is widened to one.</summary>
    public IList<(double Start, double End)> ShadedRanges { get; } = [];

    /// <summary>The colour of <see cref="ShadedRanges"/>: a light red that lines stay readable on.</summary>
    public static Color ShadeColor => new(250, 200, 200);

    /// <summary>Adds a series; the i-th series is drawn in <see cref="Color.Category"/>(i).</summary>
    public LinePlot AddSeries(string name, IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        if (xs.Count != ys.Count)
        {
            throw new ArgumentException(
                $"Series '{name}': expected as many x values as y values, received {xs.Count} x and {ys.Count} y.", nameof(ys));
        }

        series.Add((name, [.. xs], [.. ys]));
        return this;
    }

    /// <inheritdoc cref="AddSeries(string, IReadOnlyList{double}, IReadOnlyList{double})"/>
    public LinePlot AddSeries(string name, IReadOnlyList<float> xs, IReadOnlyList<float> ys) =>
        AddSeries(name, ToDoubles(xs, nameof(xs)), ToDoubles(ys, nameof(ys)));

    /// <summary>Adds a series whose x values are 1, 2, …, n (epochs count from one).</summary>
    public LinePlot AddSeries(string name, IReadOnlyList<double> ys)
    {
        ArgumentNullException.ThrowIfNull(ys);
        return AddSeries(name, Enumerable.Range(1, ys.Count).Select(i => (double)i).ToArray(), ys);
    }

    /// <inheritdoc cref="AddSeries(string, IReadOnlyList{double})"/>
    public LinePlot AddSeries(string name, IReadOnlyList<float> ys) => AddSeries(name, ToDoubles(ys, nameof(ys)));

    /// <summary>Draws the plot on a new white image.</summary>
    public RgbImage Render(int width = 800, int height = 600) => RenderFigure(width, height).Image;

    /// <summary>Renders and reports where the data area is; tests use it to find the plot area.</summary>
    internal Figure RenderFigure(int width, int height)
    {
        using var plot = PlotFigure.Create(Title, XLabel, YLabel);
        foreach (var (start, end) in ShadedRanges)
        {
            // A one-step range (start = end) would be a band of no width: widen it to half a step either side.
            double low = Math.Min(start, end), high = Math.Max(start, end), widen = high - low < 1 ? (1 - (high - low)) / 2 : 0;
            var span = plot.Add.HorizontalSpan(low - widen, high + widen, PlotFigure.ToScottPlot(ShadeColor));
            span.LineWidth = 0;
            span.LineColor = PlotFigure.ToScottPlot(ShadeColor); // the outline ScottPlot draws would darken the band's edges
        }

        var corner = new LegendCorner();
        for (int index = 0; index < series.Count; index++)
        {
            var (name, xs, ys) = series[index];
            LineSeries.Add(plot, name, xs, ys, Color.Category(index), LineThickness);
            corner.AddLine(xs, ys);
        }

        plot.Axes.AutoScale();
        if (series.Count > 0) corner.ShowLegend(plot, width, height);
        return PlotFigure.Render(plot, width, height);
    }

    private static double[] ToDoubles(IReadOnlyList<float> values, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(values, parameterName);
        return values.Select(v => (double)v).ToArray();
    }
}
