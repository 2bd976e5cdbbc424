using ScottPlot;
using SkiaSharp;

namespace Autoencoders.Drawing;

/// <summary>
/// The project's look for a ScottPlot figure — the figure font, text sizes, a light grid, a white background — and
/// rendering one into an <see cref="RgbImage"/>, reporting where the data area landed.
/// </summary>
internal static class PlotFigure
{
    /// <summary>Text sizes in pixels at 800×600: readable in the HTML report at its display width.</summary>
    public const float TitleSize = 17, LabelSize = 15, TickSize = 13, LegendSize = 13;

    /// <summary>A plot with the figure font and sizes; empty labels leave their space out.</summary>
    public static Plot Create(string? title, string? xLabel, string? yLabel)
    {
        var plot = new Plot();
        string family = FigureFont.ForScottPlot();
        plot.Font.Set(family);
        plot.Legend.FontName = family;
        plot.Legend.FontSize = LegendSize;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.OutlineColor = ToScottPlot(Color.DarkGray);
        plot.Title(title ?? "", TitleSize);
        plot.XLabel(xLabel ?? "", LabelSize);
        plot.YLabel(yLabel ?? "", LabelSize);
        foreach (IAxis axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left, plot.Axes.Right })
        {
            axis.TickLabelStyle.FontSize = TickSize;
            axis.Label.FontSize = LabelSize;
        }

        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = ToScottPlot(Color.LightGray);
        return plot;
    }

    /// <summary>The plot drawn at <paramref name="width"/> × <paramref name="height"/> pixels, and its data area.</summary>
    public static Figure Render(Plot plot, int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"Expected a positive image size, received {width}x{height}.");
        }

        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            plot.Render(canvas, width, height);
        }

        PixelRect data = plot.LastRender.DataRect;
        var area = PixelRectangle.FromEdges((int)Math.Round(data.Left), (int)Math.Round(data.Top), (int)Math.Round(data.Right), (int)Math.Round(data.Bottom));
        return new Figure(SkiaBitmaps.ToRgb(bitmap), area,
            plot.Axes.GetLimits(plot.Axes.Bottom, plot.Axes.Left), plot.Axes.GetLimits(plot.Axes.Bottom, plot.Axes.Right));
    }

    /// <summary>Our colour as ScottPlot's, with an opacity in [0, 1].</summary>
    public static ScottPlot.Color ToScottPlot(Color color, double opacity = 1) =>
        new ScottPlot.Color(color.R, color.G, color.B).WithOpacity(opacity);
}
