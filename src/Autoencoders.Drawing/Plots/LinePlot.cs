namespace Autoencoders.Drawing;

/// <summary>
/// Named (x, y) series drawn as lines over nice-tick axes, with a legend in the emptiest corner — e.g. "loss"
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

    /// <summary>Ranges of x, ends inclusive, shaded behind the lines (flagged anomalies); the shading is at least one pixel wide.</summary>
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
    public RgbImage Render(int width = 800, int height = 600)
    {
        var canvas = new Canvas(width, height, Color.White);
        Axes axes = CreateAxes(width, height);
        axes.DrawBackground(canvas);
        Shade(canvas, axes);

        var pixelSeries = series.Select(s => ToPixels(s.X, s.Y, axes)).ToList();
        int dotRadius = LineThickness + 1;
        for (int index = 0; index < pixelSeries.Count; index++)
        {
            Color color = Color.Category(index);
            (int X, int Y)?[] points = pixelSeries[index];
            for (int i = 0; i < points.Length; i++)
            {
                if (points[i] is not { } point) continue;
                if (i + 1 < points.Length && points[i + 1] is { } next)
                {
                    canvas.DrawLine(point.X, point.Y, next.X, next.Y, color, LineThickness);
                }
                else if (i == 0 || points[i - 1] is null)
                {
                    canvas.FillCircle(point.X, point.Y, dotRadius, color); // isolated: a line would be invisible
                }
            }
        }

        axes.DrawForeground(canvas);
        var legend = new Legend(
            [.. series.Select((s, index) => new LegendEntry(s.Name, Color.Category(index), IsLine: true))],
            axes.TextScale, axes.PlotArea.Height - 10 * axes.TextScale);
        (int legendX, int legendY) = LegendPlacement.EmptiestCorner(axes, legend, pixelSeries);
        legend.Draw(canvas, legendX, legendY);
        return canvas.Image;
    }

    private void Shade(Canvas canvas, Axes axes)
    {
        var area = axes.PlotArea;
        foreach (var (start, end) in ShadedRanges)
        {
            int left = Math.Clamp(axes.X.ToPixelRounded(Math.Min(start, end)), area.X, area.Right - 1);
            int right = Math.Clamp(axes.X.ToPixelRounded(Math.Max(start, end)), area.X, area.Right - 1);
            canvas.FillRectangle(left, area.Y, right - left + 1, area.Height, ShadeColor);
        }
    }

    /// <summary>The layout Render uses; exposed to tests so they can find the plot area.</summary>
    internal Axes CreateAxes(int width, int height)
    {
        var xRange = new DataRange();
        var yRange = new DataRange();
        foreach (var (_, xs, ys) in series)
        {
            for (int i = 0; i < xs.Length; i++)
            {
                // Only points that will be drawn count towards the limits.
                if (!DataRange.IsPlottable(xs[i]) || !DataRange.IsPlottable(ys[i])) continue;
                xRange.Include(xs[i]);
                yRange.Include(ys[i]);
            }
        }

        return Axes.Create(width, height, xRange, yRange, Title, XLabel, YLabel);
    }

    private static (int X, int Y)?[] ToPixels(double[] xs, double[] ys, Axes axes)
    {
        var points = new (int X, int Y)?[xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            if (DataRange.IsPlottable(xs[i]) && DataRange.IsPlottable(ys[i]))
            {
                points[i] = (axes.X.ToPixelRounded(xs[i]), axes.Y.ToPixelRounded(ys[i]));
            }
        }

        return points;
    }

    private static double[] ToDoubles(IReadOnlyList<float> values, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(values, parameterName);
        return values.Select(v => (double)v).ToArray();
    }
}
