namespace Autoencoders.Drawing;

/// <summary>
/// Lines against two y-axes sharing one x-axis — the loss on the left and the accuracy on the right, per epoch, as the
/// Keras tutorials' training figure. Left series take <see cref="Color.Category"/> 0, 1, …; right series continue the
/// colours after them, and the legend names which axis each series reads on.
/// <code>new TwoAxisLinePlot { XLabel = "epoch", LeftLabel = "loss", RightLabel = "accuracy" }.AddLeft("loss", losses).AddRight("accuracy", accuracies).Render()</code>
/// </summary>
public sealed class TwoAxisLinePlot
{
    private readonly List<(string Name, double[] Y)> left = [], right = [];

    public string? Title { get; set; }

    public string? XLabel { get; set; }

    public string? LeftLabel { get; set; }

    public string? RightLabel { get; set; }

    public int LineThickness { get; set; } = 2;

    /// <summary>A series read on the left axis, at x = 1, 2, … (epochs count from one).</summary>
    public TwoAxisLinePlot AddLeft(string name, IReadOnlyList<double> ys) => Add(left, name, ys);

    /// <summary>A series read on the right axis, at x = 1, 2, ….</summary>
    public TwoAxisLinePlot AddRight(string name, IReadOnlyList<double> ys) => Add(right, name, ys);

    private TwoAxisLinePlot Add(List<(string, double[])> side, string name, IReadOnlyList<double> ys)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(ys);
        side.Add((name, [.. ys]));
        return this;
    }

    /// <summary>Draws the plot on a new white image.</summary>
    public RgbImage Render(int width = 800, int height = 600)
    {
        var canvas = new Canvas(width, height, Color.White);
        var (axes, rightScale) = CreateAxes(width, height);
        axes.DrawBackground(canvas);

        var pixelSeries = new List<(int X, int Y)?[]>();
        var entries = new List<LegendEntry>();
        int colour = 0;
        foreach (var (side, scale) in new[] { (left, axes.Y), (right, rightScale) })
        {
            foreach (var (name, ys) in side)
            {
                var points = new (int X, int Y)?[ys.Length];
                for (int i = 0; i < ys.Length; i++)
                    if (DataRange.IsPlottable(ys[i])) points[i] = (axes.X.ToPixelRounded(i + 1), scale.ToPixelRounded(ys[i]));
                Color color = Color.Category(colour++);
                DrawLine(canvas, points, color);
                pixelSeries.Add(points);
                entries.Add(new LegendEntry(right.Count == 0 || left.Count == 0 ? name : $"{name} ({(ReferenceEquals(side, left) ? "left" : "right")})", color, IsLine: true));
            }
        }

        axes.DrawForeground(canvas);
        DrawRightAxis(canvas, axes, rightScale);
        var legend = new Legend(entries, axes.TextScale, axes.PlotArea.Height - 10 * axes.TextScale);
        (int legendX, int legendY) = LegendPlacement.EmptiestCorner(axes, legend, pixelSeries);
        legend.Draw(canvas, legendX, legendY);
        return canvas.Image;
    }

    /// <summary>The layout Render uses: the shared frame (x and left y) and the right y-scale over the same pixels.</summary>
    internal (Axes Axes, AxisScale Right) CreateAxes(int width, int height)
    {
        DataRange x = new(), leftRange = Range(left), rightRange = Range(right);
        int points = left.Concat(right).Select(s => s.Y.Length).DefaultIfEmpty(0).Max();
        if (points > 0)
        {
            x.Include(1);
            x.Include(points);
        }
        int scale = Axes.TextScaleFor(width, height);
        // Room on the right for tick labels as wide as a few digits and the vertical axis label.
        int reserved = 6 * BitmapFont.Advance * scale + (string.IsNullOrEmpty(RightLabel) ? 0 : BitmapFont.GlyphHeight * scale + 5 * scale);
        var axes = Axes.Create(width, height, x, leftRange, Title, XLabel, LeftLabel, reserved);
        int textHeight = BitmapFont.GlyphHeight * axes.TextScale;
        var rightScale = AxisScale.Create(rightRange.Padded(), axes.PlotArea.Bottom - 1, axes.PlotArea.Y, _ => 2 * textHeight, 10);
        return (axes, rightScale);
    }

    private static DataRange Range(List<(string Name, double[] Y)> side)
    {
        var range = new DataRange();
        foreach (var (_, ys) in side)
            foreach (double y in ys)
                if (DataRange.IsPlottable(y)) range.Include(y);
        return range;
    }

    private void DrawLine(Canvas canvas, (int X, int Y)?[] points, Color color)
    {
        for (int i = 0; i < points.Length; i++)
        {
            if (points[i] is not { } point) continue;
            if (i + 1 < points.Length && points[i + 1] is { } next) canvas.DrawLine(point.X, point.Y, next.X, next.Y, color, LineThickness);
            else if (i == 0 || points[i - 1] is null) canvas.FillCircle(point.X, point.Y, LineThickness + 1, color);
        }
    }

    /// <summary>Ticks and labels on the frame's right edge, and the right axis label (read bottom to top, as the left one) beside them.</summary>
    private void DrawRightAxis(Canvas canvas, Axes axes, AxisScale scale)
    {
        int textScale = axes.TextScale, tickLength = 3 * textScale, padding = 5 * textScale, textHeight = BitmapFont.GlyphHeight * textScale;
        int edge = axes.PlotArea.Right - 1, widest = 0;
        foreach (double tick in scale.Ticks)
        {
            int y = scale.ToPixelRounded(tick);
            canvas.DrawLine(edge + 1, y, edge + tickLength, y, Color.Black);
            string label = scale.Label(tick);
            widest = Math.Max(widest, canvas.DrawText(edge + tickLength + padding / 2, y - textHeight / 2, label, Color.Black, textScale) - (edge + tickLength + padding / 2));
        }
        if (string.IsNullOrEmpty(RightLabel)) return;
        (string text, int fitted) = TextFit.Fit(RightLabel, textScale, axes.PlotArea.Height);
        int length = BitmapFont.Measure(text, fitted).Width;
        int x = Math.Min(edge + tickLength + padding + widest, canvas.Width - padding - BitmapFont.GlyphHeight * fitted);
        canvas.DrawTextVertical(x, axes.PlotArea.Y + axes.PlotArea.Height / 2 - length / 2, text, Color.Black, fitted);
    }
}
