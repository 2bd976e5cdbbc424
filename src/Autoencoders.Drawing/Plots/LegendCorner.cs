using ScottPlot;

namespace Autoencoders.Drawing;

/// <summary>
/// Chooses the inner corner of the data area where a legend covers the least data, like matplotlib's loc="best".
/// Collects what is drawn as points in data coordinates (lines sampled along each segment), per y-axis.
/// </summary>
internal sealed class LegendCorner
{
    /// <summary>Points per segment: enough that a line crossing a corner box leaves samples in it.</summary>
    private const int SamplesPerSegment = 8;

    private readonly List<(double X, double Y, int Axis)> points = [];

    /// <summary>A polyline (NaN breaks it) on y-axis <paramref name="axis"/> (0 = left, 1 = right).</summary>
    public void AddLine(IReadOnlyList<double> xs, IReadOnlyList<double> ys, int axis = 0)
    {
        foreach ((int start, int count) in LineSeries.Runs(xs, ys))
        {
            points.Add((xs[start], ys[start], axis));
            for (int i = start + 1; i < start + count; i++)
            {
                for (int k = 1; k <= SamplesPerSegment; k++)
                {
                    double t = (double)k / SamplesPerSegment;
                    points.Add((xs[i - 1] + t * (xs[i] - xs[i - 1]), ys[i - 1] + t * (ys[i] - ys[i - 1]), axis));
                }
            }
        }
    }

    /// <summary>A single point, such as the top of a histogram bar.</summary>
    public void AddPoint(double x, double y, int axis = 0) => points.Add((x, y, axis));

    /// <summary>
    /// Shows the legend in the <see cref="Emptiest"/> corner when that covers no data, else outside
    /// the data area on the right, where it covers nothing.
    /// </summary>
    public void ShowLegend(Plot plot, int width, int height)
    {
        var (corner, covered) = Emptiest(plot, width, height);
        if (covered == 0)
            plot.ShowLegend(corner);
        else
            plot.ShowLegend(Edge.Right);
    }

    /// <summary>
    /// The corner whose legend box holds the fewest points, within the plot's current axis limits; ties go to upper
    /// right, upper left, lower right, lower left. The box is the legend's size estimated from its labels, as a share
    /// of a data area that is the image less typical margins.
    /// </summary>
    public (Alignment Corner, int Covered) Emptiest(Plot plot, int width, int height)
    {
        LegendItem[] items = [.. plot.Legend.ManualItems];
        float widest = items.Select(item => FigureFont.MeasureWidth(item.LabelText ?? "", PlotFigure.LegendSize)).DefaultIfEmpty(0).Max();
        double boxWidth = Math.Min(1, (widest + 55) / Math.Max(width - 130, 1));
        double boxHeight = Math.Min(1, (items.Length * 1.5 * PlotFigure.LegendSize + 25) / Math.Max(height - 110, 1));
        AxisLimits left = plot.Axes.GetLimits(plot.Axes.Bottom, plot.Axes.Left);
        AxisLimits right = plot.Axes.GetLimits(plot.Axes.Bottom, plot.Axes.Right);
        Alignment[] corners = [Alignment.UpperRight, Alignment.UpperLeft, Alignment.LowerRight, Alignment.LowerLeft];
        var counts = new int[corners.Length];
        foreach (var (x, y, axis) in points)
        {
            AxisLimits limits = axis == 0 ? left : right;
            double u = (x - limits.Left) / (limits.Right - limits.Left), v = (y - limits.Bottom) / (limits.Top - limits.Bottom);
            if (u < boxWidth && v > 1 - boxHeight) counts[1]++;
            if (u > 1 - boxWidth && v > 1 - boxHeight) counts[0]++;
            if (u > 1 - boxWidth && v < boxHeight) counts[2]++;
            if (u < boxWidth && v < boxHeight) counts[3]++;
        }

        int best = 0;
        for (int i = 1; i < corners.Length; i++)
            if (counts[i] < counts[best]) best = i;
        return (corners[best], counts[best]);
    }
}
