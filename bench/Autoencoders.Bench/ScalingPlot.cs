using ScottPlot;

namespace Autoencoders.Bench;

/// <summary>
/// A PNG of <c>--scaling</c>'s figures (ScottPlot): samples/s on a log scale against the swept value, one line per
/// workload and runner, ours solid and PyTorch's dashed in the workload's colour.
/// </summary>
internal static class ScalingPlot
{
    private static readonly Color[] Palette = [Colors.SteelBlue, Colors.OrangeRed, Colors.SeaGreen, Colors.MediumPurple, Colors.DarkGoldenRod, Colors.Gray];

    /// <param name="logX">Whether the swept values (powers of two) go on a log₂ axis.</param>
    public static byte[] Render(IReadOnlyList<ScalingPoint> points, string title, string xLabel, bool logX)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var workloads = points.Select(p => p.Workload).Distinct().ToList();
        foreach (var series in points.GroupBy(p => (p.Workload, p.Runner)))
        {
            var ordered = series.OrderBy(p => p.Value).ToArray();
            var line = plot.Add.Scatter(
                ordered.Select(p => logX ? Math.Log2(p.Value) : p.Value).ToArray(),
                ordered.Select(p => Math.Log10(p.SamplesPerSecond)).ToArray());
            // One workload: a colour per runner; several: a colour per workload, the runner told by the line's pattern.
            int colour = workloads.Count > 1 ? workloads.IndexOf(series.Key.Workload) : series.Key.Runner == "ours" ? 0 : 1;
            line.Color = Palette[colour % Palette.Length];
            line.LinePattern = series.Key.Runner == "ours" ? LinePattern.Solid : LinePattern.Dashed;
            line.LineWidth = 2;
            line.MarkerSize = 7;
            line.LegendText = workloads.Count > 1 ? $"{series.Key.Workload}, {series.Key.Runner}" : series.Key.Runner;
        }
        var values = points.Select(p => p.Value).Distinct().Order().ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            values.Select(v => logX ? Math.Log2(v) : v).ToArray(), values.Select(v => v.ToString()).ToArray());
        plot.Axes.Left.TickGenerator = LogTicks(points.Select(p => p.SamplesPerSecond).DefaultIfEmpty(1).ToArray());
        plot.Title($"{title} (solid: ours, dashed: PyTorch)");
        plot.XLabel(xLabel);
        plot.YLabel("training samples/s (log scale)");
        plot.ShowLegend(Edge.Right); // beside the data, which it would hide at the right-hand end
        return plot.GetImageBytes(900, 560, ImageFormat.Png);
    }

    /// <summary>Ticks at 1, 2 and 5 × each power of ten over the data, or more within one decade (the values are
    /// plotted as their log₁₀).</summary>
    private static ScottPlot.TickGenerators.NumericManual LogTicks(double[] samplesPerSecond)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        int low = (int)Math.Floor(Math.Log10(Math.Max(samplesPerSecond.Min(), 1))), high = (int)Math.Ceiling(Math.Log10(Math.Max(samplesPerSecond.Max(), 1)));
        double[] steps = high - low <= 1 ? [1, 1.5, 2, 3, 4, 5, 7] : [1, 2, 5];
        for (int power = low; power <= high; power++)
            foreach (double step in steps)
                ticks.AddMajor(Math.Log10(step) + power, (step * Math.Pow(10, power)).ToString("N0"));
        return ticks;
    }
}
