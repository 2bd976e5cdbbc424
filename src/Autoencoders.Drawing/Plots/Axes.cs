namespace Autoencoders.Drawing;

/// <summary>
/// The shared frame of a 2-D plot: margins, plot area, both axis scales, grid, ticks, tick labels, axis labels
/// and title. Plots draw their data between <see cref="DrawBackground"/> and <see cref="DrawForeground"/>.
/// </summary>
internal sealed class Axes
{
    private const int MaxTicks = 10;
    private readonly string? title;
    private readonly string? xLabel;
    private readonly string? yLabel;

    private Axes(PixelRectangle plotArea, AxisScale x, AxisScale y, int textScale, string? title, string? xLabel, string? yLabel)
    {
        PlotArea = plotArea;
        X = x;
        Y = y;
        TextScale = textScale;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /// <summary>The framed region holding the data; its border pixels are the frame.</summary>
    public PixelRectangle PlotArea { get; }

    public AxisScale X { get; }

    public AxisScale Y { get; }

    /// <summary>Font scale of tick labels, axis labels and legends; titles use one more.</summary>
    public int TextScale { get; }

    private int TextHeight => BitmapFont.GlyphHeight * TextScale;

    private int Padding => 5 * TextScale;

    private int TickLength => 3 * TextScale;

    /// <summary>Text grows with the image: scale 1 below 480 pixels on the short side, 2 for 640×480 and 800×600, 3 for 1200×900.</summary>
    public static int TextScaleFor(int width, int height) => Math.Clamp(Math.Min(width, height) / 240, 1, 4);

    /// <summary>
    /// Lays out the plot. <paramref name="reservedRight"/> pixels on the right are left free (for an outside legend).
    /// </summary>
    public static Axes Create(
        int width, int height, DataRange xData, DataRange yData,
        string? title, string? xLabel, string? yLabel, int reservedRight = 0)
    {
        int scale = TextScaleFor(width, height);
        int textHeight = BitmapFont.GlyphHeight * scale, padding = 5 * scale, tickLength = 3 * scale;

        int top = string.IsNullOrEmpty(title) ? 2 * padding : 2 * padding + BitmapFont.GlyphHeight * (scale + 1);
        int bottom = tickLength + padding / 2 + textHeight + padding + (string.IsNullOrEmpty(xLabel) ? 0 : textHeight + padding);
        int plotBottom = Math.Max(height - bottom, top + 2);

        AxisScale y = AxisScale.Create(yData.Padded(), plotBottom - 1, top, _ => 2 * textHeight, MaxTicks);
        int yTickLabelWidth = y.Ticks.Select(tick => BitmapFont.Measure(y.Label(tick), scale).Width).DefaultIfEmpty(0).Max();

        int left = padding + (string.IsNullOrEmpty(yLabel) ? 0 : textHeight + padding) + yTickLabelWidth + padding / 2 + tickLength;
        // The last x tick label is centred on the frame's right edge, so the margin must hold half a typical label.
        int right = reservedRight + Math.Max(2 * padding, 3 * BitmapFont.Advance * scale);
        int plotRight = Math.Max(width - right, left + 2);

        AxisScale x = AxisScale.Create(
            xData.Padded(), left, plotRight - 1,
            s => s.Ticks.Select(tick => BitmapFont.Measure(s.Label(tick), scale).Width).DefaultIfEmpty(0).Max(),
            MaxTicks);

        var plotArea = new PixelRectangle(left, top, plotRight - left, plotBottom - top);
        return new Axes(plotArea, x, y, scale, title, xLabel, yLabel);
    }

    /// <summary>Light grid lines at every tick, drawn first so data covers them.</summary>
    public void DrawBackground(Canvas canvas)
    {
        foreach (double tick in X.Ticks)
        {
            int x = X.ToPixelRounded(tick);
            canvas.DrawLine(x, PlotArea.Y, x, PlotArea.Bottom - 1, Color.LightGray);
        }

        foreach (double tick in Y.Ticks)
        {
            int y = Y.ToPixelRounded(tick);
            canvas.DrawLine(PlotArea.X, y, PlotArea.Right - 1, y, Color.LightGray);
        }
    }

    /// <summary>Frame, ticks, tick labels, axis labels and title, drawn over the data.</summary>
    public void DrawForeground(Canvas canvas)
    {
        canvas.DrawRectangle(PlotArea.X, PlotArea.Y, PlotArea.Width, PlotArea.Height, Color.Black);
        int labelTop = PlotArea.Bottom + TickLength + Padding / 2;
        foreach (double tick in X.Ticks)
        {
            int x = X.ToPixelRounded(tick);
            canvas.DrawLine(x, PlotArea.Bottom, x, PlotArea.Bottom + TickLength - 1, Color.Black);
            string label = X.Label(tick);
            canvas.DrawText(x - BitmapFont.Measure(label, TextScale).Width / 2, labelTop, label, Color.Black, TextScale);
        }

        int labelRight = PlotArea.X - TickLength - Padding / 2;
        foreach (double tick in Y.Ticks)
        {
            int y = Y.ToPixelRounded(tick);
            canvas.DrawLine(PlotArea.X - TickLength, y, PlotArea.X - 1, y, Color.Black);
            string label = Y.Label(tick);
            canvas.DrawText(labelRight - BitmapFont.Measure(label, TextScale).Width, y - TextHeight / 2, label, Color.Black, TextScale);
        }

        int centerX = PlotArea.X + PlotArea.Width / 2;
        if (!string.IsNullOrEmpty(xLabel))
        {
            (string text, int scale) = TextFit.Fit(xLabel, TextScale, canvas.Width - 2 * Padding);
            int width = BitmapFont.Measure(text, scale).Width;
            int x = Math.Max(Padding, Math.Min(centerX - width / 2, canvas.Width - Padding - width));
            canvas.DrawText(x, labelTop + TextHeight + Padding, text, Color.Black, scale);
        }

        if (!string.IsNullOrEmpty(yLabel))
        {
            (string text, int scale) = TextFit.Fit(yLabel, TextScale, PlotArea.Height);
            int length = BitmapFont.Measure(text, scale).Width;
            canvas.DrawTextVertical(Padding, PlotArea.Y + PlotArea.Height / 2 - length / 2, text, Color.Black, scale);
        }

        if (!string.IsNullOrEmpty(title))
        {
            (string text, int scale) = TextFit.Fit(title, TextScale + 1, canvas.Width - 2 * Padding);
            int width = BitmapFont.Measure(text, scale).Width;
            // Centre on the plot area, but never push a long title off either edge.
            int x = Math.Max(Padding, Math.Min(centerX - width / 2, canvas.Width - Padding - width));
            canvas.DrawText(x, Padding + (TextScale + 1 - scale) * BitmapFont.GlyphHeight / 2, text, Color.Black, scale);
        }
    }
}
