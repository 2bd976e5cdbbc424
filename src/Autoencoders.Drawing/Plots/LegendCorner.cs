using ScottPlot;

namespace Autoencoders.Drawing;

/// <summary>
/// Chooses the inner corner of the data area where a legend covers the least data, like matplotlib's loc="best".
/// Collects what is drawn as points in data coordinates (lines sampled along each segment), per y-axis.
/// </summary>
internal sealed class LegendCorner
{
    /// <summary>The share of the data area's width and height a legend box is assumed to take in its corner.</summary>
    private const double BoxWidth = 0.4, BoxHeight = 0.35;

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
    /// The corner whose box holds the fewest points, within the plot's current axis limits; ties go to upper right,
    /// upper left, lower right, lower left.
    /// </summary>
    public Alignment Emptiest(Plot plot)
    {
        AxisLimits left = plot.Axes.GetLimits(plot.Axes.Bottom, plot.Axes.Left);
        AxisLimits right = plot.Axes.GetLimits(plot.Axes.Bottom, plot.Axes.Right);
        Alignment[] corners = [Alignment.UpperRight, Alignment.UpperLeft, Alignment.LowerRight, Alignment.LowerLeft];
        var counts = new int[corners.Length];
        foreach (var (x, y, axis) in points)
        {
            AxisLimits limits = axis == 0 ? left : right;
            double u = (x - limits.Left) / (limits.Right - limits.Left), v = (y - limits.Bottom) / (limits.Top - limits.Bottom);
            if (u < BoxWidth && v > 1 - BoxHeight) counts[1]++;
            if (u > 1 - BoxWidth && v > 1 - BoxHeight) counts[0]++;
            if (u > 1 - BoxWidth && v < BoxHeight) counts[2]++;
            if (u < BoxWidth && v < BoxHeight) counts[3]++;
        }

        int best = 0;
        for (int i = 1; i < corners.Length; i++)
            if (counts[i] < counts[best]) best = i;
        return corners[best];
    }
}
