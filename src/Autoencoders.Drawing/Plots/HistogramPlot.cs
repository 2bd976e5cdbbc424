namespace Autoencoders.Drawing;

/// <summary>
/// Overlaid histograms of named series on shared bins, with optional dashed vertical markers — e.g. anomaly
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
    public RgbImage Render(int width = 800, int height = 600)
    {
        Histogram histogram = Count();
        var canvas = new Canvas(width, height, Color.White);
        Axes axes = CreateAxes(width, height, histogram);
        axes.DrawBackground(canvas);

        // Bar columns and lines, as segments, so the legend can go where they cover least.
        List<(int X, int Y)?[]> drawn = DrawBars(canvas, axes, histogram);
        PixelRectangle area = axes.PlotArea;
        for (int index = 0; index < lines.Count; index++)
        {
            int x = axes.X.ToPixelRounded(Transform(lines[index].X));
            DrawDashedVerticalLine(canvas, x, area.Y + 1, area.Bottom - 2, LineColor(index), axes.TextScale);
            drawn.Add([(x, area.Y), (x, area.Bottom - 1)]);
        }

        axes.DrawForeground(canvas);
        var legend = new Legend(LegendEntries(), axes.TextScale, area.Height - 10 * axes.TextScale);
        (int legendX, int legendY) = LegendPlacement.EmptiestCorner(axes, legend, drawn);
        legend.Draw(canvas, legendX, legendY);
        return canvas.Image;
    }

    /// <summary>Draws every series' bars; returns, per series, each bar's middle column as a segment.</summary>
    private List<(int X, int Y)?[]> DrawBars(Canvas canvas, Axes axes, Histogram histogram)
    {
        PixelRectangle area = axes.PlotArea;
        int baseline = axes.Y.ToPixelRounded(0);
        var drawn = new List<(int X, int Y)?[]>();
        // All fills first, then all outlines: a later series' fill must not hide an earlier series' outline.
        for (int index = 0; index < series.Count; index++)
        {
            Color color = Color.Category(index);
            int[] counts = histogram.Counts[index];
            for (int bin = 0; bin < counts.Length; bin++)
            {
                if (counts[bin] == 0) continue;
                (int left, int right) = BarColumns(axes, histogram, bin);
                BlendRectangle(canvas, area, left, axes.Y.ToPixelRounded(counts[bin]), right, baseline, color);
            }
        }

        for (int index = 0; index < series.Count; index++)
        {
            Color color = Color.Category(index);
            int[] counts = histogram.Counts[index];
            var segments = new List<(int X, int Y)?>();
            for (int bin = 0; bin < counts.Length; bin++)
            {
                if (counts[bin] == 0) continue;
                (int left, int right) = BarColumns(axes, histogram, bin);
                int top = axes.Y.ToPixelRounded(counts[bin]);
                canvas.DrawRectangle(left, top, right - left + 1, baseline - top + 1, color);
                // The bar's middle column, bottom to top, tells the legend placement that this bar fills the space below its top.
                segments.AddRange([((left + right) / 2, baseline), ((left + right) / 2, top), null]);
            }

            drawn.Add([.. segments]);
        }

        return drawn;
    }

    /// <summary>The layout Render uses; exposed to tests so they can find the plot area.</summary>
    internal Axes CreateAxes(int width, int height) => CreateAxes(width, height, Count());

    /// <summary>The translucent fill of series <paramref name="index"/> over white: (1 − α)·white + α·colour.</summary>
    internal static Color FillColor(int index) => ColorMix.Lerp(Color.White, Color.Category(index), FillOpacity);

    /// <summary>Vertical lines take the colours after the series', so no line shares a colour with a series.</summary>
    internal Color LineColor(int lineIndex) => Color.Category(series.Count + lineIndex);

    private Axes CreateAxes(int width, int height, Histogram histogram)
    {
        var xRange = new DataRange();
        xRange.Include(histogram.Low);
        xRange.Include(histogram.High);
        foreach (var (_, x) in lines) xRange.Include(Transform(x));

        // Bars stand on y = 0, so the axis should start there rather than 5% below it. Axes pads the span [m, M] by
        // 5% on each side; m = M / 21 makes the padded minimum m − 0.05·(M − m) exactly 0.
        int maxCount = Math.Max(1, histogram.Counts.SelectMany(counts => counts).DefaultIfEmpty(0).Max());
        var yRange = new DataRange();
        yRange.Include(maxCount / 21.0);
        yRange.Include(maxCount);

        string? xLabel = LogX ? $"log10({XLabel ?? "x"})" : XLabel;
        return Axes.Create(width, height, xRange, yRange, Title, xLabel, YLabel);
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

    /// <summary>The pixel columns of a bin's left and right edges; neighbouring bars share an edge column.</summary>
    private static (int Left, int Right) BarColumns(Axes axes, Histogram histogram, int bin)
    {
        double width = (histogram.High - histogram.Low) / histogram.Counts[0].Length;
        return (axes.X.ToPixelRounded(histogram.Low + bin * width), axes.X.ToPixelRounded(histogram.Low + (bin + 1) * width));
    }

    /// <summary>Mixes <paramref name="color"/> at <see cref="FillOpacity"/> into the pixels of the block [left, right] × [top, bottom] inside the plot area.</summary>
    private static void BlendRectangle(Canvas canvas, PixelRectangle area, int left, int top, int right, int bottom, Color color)
    {
        RgbImage image = canvas.Image;
        int x0 = Math.Max(left, area.X), x1 = Math.Min(right, Math.Min(area.Right, image.Width) - 1);
        int y0 = Math.Max(top, area.Y), y1 = Math.Min(bottom, Math.Min(area.Bottom, image.Height) - 1);
        for (int y = Math.Max(y0, 0); y <= y1; y++)
        {
            for (int x = Math.Max(x0, 0); x <= x1; x++)
            {
                image.SetPixel(x, y, ColorMix.Lerp(image.GetPixel(x, y), color, FillOpacity));
            }
        }
    }

    /// <summary>A 2-pixel line from <paramref name="top"/> to <paramref name="bottom"/>, dashes 6·scale long with gaps of 3·scale.</summary>
    private static void DrawDashedVerticalLine(Canvas canvas, int x, int top, int bottom, Color color, int scale)
    {
        int dash = 6 * scale, gap = 3 * scale;
        for (int y = top; y <= bottom; y += dash + gap)
        {
            canvas.DrawLine(x, y, x, Math.Min(y + dash - 1, bottom), color, thickness: 2);
        }
    }

    private List<LegendEntry> LegendEntries() =>
    [
        .. series.Select((s, index) => new LegendEntry(s.Name, Color.Category(index), IsLine: false)),
        .. lines.Select((line, index) => new LegendEntry(line.Name, LineColor(index), IsLine: true)),
    ];

    /// <summary>Shared bin edges Low + i·(High − Low)/bins; Counts[series][bin].</summary>
    private sealed record Histogram(double Low, double High, int[][] Counts);
}
