using ScottPlot;

namespace Autoencoders.Drawing;

/// <summary>
/// Adds one named series to a ScottPlot plot as lines with gaps: ScottPlot joins every point it is given, so each
/// run of plottable points becomes its own line and a point with no plottable neighbour becomes a dot.
/// </summary>
internal static class LineSeries
{
    /// <summary>Draws the series and adds its legend entry (a line swatch) to the plot's manual legend.</summary>
    public static void Add(Plot plot, string name, IReadOnlyList<double> xs, IReadOnlyList<double> ys, Color color, float width, IYAxis? yAxis = null)
    {
        ScottPlot.Color paint = PlotFigure.ToScottPlot(color);
        foreach ((int start, int count) in Runs(xs, ys))
        {
            double[] runX = [.. Enumerable.Range(start, count).Select(i => xs[i])];
            double[] runY = [.. Enumerable.Range(start, count).Select(i => ys[i])];
            var line = plot.Add.ScatterLine(runX, runY, paint);
            line.LineWidth = width;
            if (count == 1)
            {
                line.MarkerShape = MarkerShape.FilledCircle; // a lone point: a line of one point would be invisible
                line.MarkerSize = 2 * width + 3;
            }

            if (yAxis is not null) line.Axes.YAxis = yAxis;
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, LineColor = paint, LineWidth = Math.Max(width, 2) });
    }

    /// <summary>The maximal runs of consecutive indices where both coordinates are plottable.</summary>
    public static IEnumerable<(int Start, int Count)> Runs(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        int start = -1;
        for (int i = 0; i <= xs.Count; i++)
        {
            bool plottable = i < xs.Count && DataRange.IsPlottable(xs[i]) && DataRange.IsPlottable(ys[i]);
            if (plottable && start < 0) start = i;
            if (!plottable && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }
}
