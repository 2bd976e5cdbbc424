using ScottPlot;

namespace Autoencoders.Drawing;

/// <summary>
/// Overlaid histograms of named series on shared bins, drawn by ScottPlot, with optional dashed vertical markers — e.g. anomaly
/// scores of normal and anomalous test images with the chosen threshold:
/// <code>new HistogramPlot { XLabel = "reconstruction error" }.AddSeries("normal", a).AddSeries("anomalous", b).AddVerticalLine("threshold 0.031", 0.031).Render()</code>
/// Bars are outlined in the series' <see cref="Color.Category"/> colour and filled with a translucent tint of it,
/// so where series overlap every outline stays visible and the fills mix.
/// </summary>
public sealed class HistogramPlot
{
    /// <summary>Opacity of the bar fills: low enough that two overlapping series remain distinguishable.</summary>
    private const double FillOpacity = 0.35;

    private readonly List<(string Name, double[] Values)> series = [];
    private readonly List<(string Name, double X)> lines = [];
    private int bins = 50;

    public string? Title { get; set; }

    public string? XLabel { get; set; }

    public string? YLabel { get; set; } = "count";

    /// <summary>Number of equal-width bins spanning [min, max] of all series together, so bars of different series line up.</summary>
    public int Bins
    {
        get => bins;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            bins = value;
        }
    }

    /// <summary>Bins equal-width in log10(x), and the x axis shows log10(x); every value and line must then be positive.</summary>
    public bool LogX { get; set; }

    /// <summary>Adds a series; the i-th series is drawn in <see cref="Color.Category"/>(i). An empty series only appears in the legend.</summary>
    public HistogramPlot AddSeries(string name, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(values);
        for (int i = 0; i < values.Count; i++)
        {
            if (!DataRange.IsPlottable(values[i]))
            {
                throw new ArgumentException(
                    $"Series '{name}': expected finite values of magnitude at most 1e300, received {values[i]} at index {i}.",
                    nameof(values));
            }
        }

        series.Add((name, [.. values]));
        return this;
    }

    /// <inheritdoc cref="AddSeries(string, IReadOnlyList{double})"/>
    public HistogramPlot AddSeries(string name, IReadOnlyList<float> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return AddSeries(name, values.Select(v => (double)v).ToArray());
    }

    /// <summary>Adds a dashed vertical line at <paramref name="x"/> with a legend entry; the x axis widens to show it.</summary>
    public HistogramPlot AddVerticalLine(string name, double x)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!DataRange.IsPlottable(x))
        {
            throw new ArgumentException($"Line '{name}': expected a finite x of magnitude at most 1e300, received {x}.", nameof(x));
        }

        lines.Add((name, x));
        return this;
    }

    /// <summary>Draws the plot on a new white image.</summary>
    public RgbImage Render(int width = 800, int height = 600) => RenderFigure(width, height).Image;

    /// <summary>Renders and reports where the data area is; tests use it to find the plot area.</summary>
    internal Figure RenderFigure(int width, int height)
    {
        Histogram histogram = Count();
        using var plot = PlotFigure.Create(Title, LogX ? $"log10({XLabel ?? "x"})" : XLabel, YLabel);
        var corner = new LegendCorner();
        double binWidth = (histogram.High - histogram.Low) / Bins;
        // All fills first, then all outlines: a later series' fill must not hide an earlier series' outline.
        foreach (bool outline in new[] { false, true })
        {
            for (int index = 0; index < series.Count; index++)
            {
                var bars = new List<Bar>();
                int[] counts = histogram.Counts[index];
                for (int bin = 0; bin < counts.Length; bin++)
                {
                    if (counts[bin] == 0) continue;
                    double center = histogram.Low + (bin + 0.5) * binWidth;
                    bars.Add(new Bar
                    {
                        Position = center, Size = binWidth, Value = counts[bin],
                        FillColor = outline ? Colors.Transparent : PlotFigure.ToScottPlot(Color.Category(index), FillOpacity),
                        LineColor = outline ? PlotFigure.ToScottPlot(Color.Category(index)) : Colors.Transparent,
                        LineWidth = outline ? 1 : 0,
                    });
                    // The bar's middle column tells the legend placement that this bar fills the space below its top.
                    for (int k = 0; k <= 4; k++) corner.AddPoint(center, counts[bin] * k / 4.0);
                }

                if (bars.Count > 0) plot.Add.Bars(bars);
            }
        }

        for (int index = 0; index < lines.Count; index++)
        {
            double x = Transform(lines[index].X);
            plot.Add.VerticalLine(x, 2, PlotFigure.ToScottPlot(LineColor(index)), LinePattern.Dashed);
            corner.AddLine([x, x], [0, histogram.MaxCount]);
        }

        AddLegendItems(plot);
        SetLimits(plot, histogram);
        corner.ShowLegend(plot, width, height);
        return PlotFigure.Render(plot, width, height);
    }

    /// <summary>The translucent fill of series <paramref name="index"/> over white: (1 − α)·white + α·colour.</summary>
    internal static Color FillColor(int index) => ColorMix.Lerp(Color.White, Color.Category(index), FillOpacity);

    /// <summary>Vertical lines take the colours after the series', so no line shares a colour with a series.</summary>
    internal Color LineColor(int lineIndex) => Color.Category(series.Count + lineIndex);

    /// <summary>x: the bins and every line, padded 5% each side; y: from 0 (bars stand on it) to 5% above the tallest bar.</summary>
    private void SetLimits(ScottPlot.Plot plot, Histogram histogram)
    {
        var xRange = new DataRange();
        xRange.Include(histogram.Low);
        xRange.Include(histogram.High);
        foreach (var (_, x) in lines) xRange.Include(Transform(x));
        (double left, double right) = xRange.Padded();
        plot.Axes.SetLimits(left, right, 0, Math.Max(1, histogram.MaxCount) * 1.05);
    }

    private void AddLegendItems(ScottPlot.Plot plot)
    {
        for (int index = 0; index < series.Count; index++)
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = series[index].Name, FillColor = PlotFigure.ToScottPlot(Color.Category(index), FillOpacity),
                OutlineColor = PlotFigure.ToScottPlot(Color.Category(index)), OutlineWidth = 1,
            });
        }

        for (int index = 0; index < lines.Count; index++)
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = lines[index].Name, LineColor = PlotFigure.ToScottPlot(LineColor(index)), LineWidth = 2, LinePattern = LinePattern.Dashed,
            });
        }
    }

    /// <summary>Bin edges over the values of all series (in log10 when <see cref="LogX"/>) and each series' counts per bin.</summary>
    private Histogram Count()
    {
        if (series.Count == 0)
        {
            throw new InvalidOperationException("Expected at least one series in the histogram, received none; call AddSeries first.");
        }

        CheckPositiveForLogX();
        var range = new DataRange();
        foreach (var (_, values) in series)
        {
            foreach (double value in values) range.Include(Transform(value));
        }

        (double low, double high) = (range.Min, range.Max);
        if (range.IsEmpty || range.Max - range.Min <= Math.Abs(range.Min / 2 + range.Max / 2) * 1e-12)
        {
            // All values equal (or none): bins over the padded span, shifted half a bin when the count is even so
            // the value sits in the middle of a bin rather than on an edge.
            (low, high) = range.Padded();
            double shift = Bins % 2 == 0 ? (high - low) / Bins / 2 : 0;
            (low, high) = (low - shift, high - shift);
        }

        var counts = new int[series.Count][];
        for (int index = 0; index < series.Count; index++)
        {
            counts[index] = new int[Bins];
            foreach (double value in series[index].Values)
            {
                // Half-open bins [edge_i, edge_i+1), except that the maximum belongs to the last bin (as numpy does).
                int bin = (int)Math.Floor((Transform(value) - low) / (high - low) * Bins);
                counts[index][Math.Clamp(bin, 0, Bins - 1)]++;
            }
        }

        return new Histogram(low, high, counts);
    }

    private void CheckPositiveForLogX()
    {
        if (!LogX) return;
        foreach (var (name, values) in series)
        {
            int index = Array.FindIndex(values, value => !(value > 0));
            if (index >= 0)
            {
                throw new InvalidOperationException(
                    $"Series '{name}': LogX expected positive values, received {values[index]} at index {index}.");
            }
        }

        foreach (var (name, x) in lines)
        {
            if (!(x > 0)) throw new InvalidOperationException($"Line '{name}': LogX expected a positive x, received {x}.");
        }
    }

    private double Transform(double value) => LogX ? Math.Log10(value) : value;

    /// <summary>Shared bin edges Low + i·(High − Low)/bins; Counts[series][bin].</summary>
    private sealed record Histogram(double Low, double High, int[][] Counts)
    {
        public int MaxCount { get; } = Counts.SelectMany(counts => counts).DefaultIfEmpty(0).Max();
    }
}
