namespace Autoencoders.Drawing;

/// <summary>
/// Lines against two y-axes sharing one x-axis, drawn by ScottPlot — the loss on the left and the accuracy on the right, per epoch, as the
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
    public RgbImage Render(int width = 800, int height = 600) => RenderFigure(width, height).Image;

    /// <summary>Renders and reports where the data area is; tests use it to find the plot area.</summary>
    internal Figure RenderFigure(int width, int height)
    {
        using var plot = PlotFigure.Create(Title, XLabel, LeftLabel);
        plot.Axes.Right.Label.Text = RightLabel ?? "";
        var corner = new LegendCorner();
        int colour = 0;
        bool bothSides = left.Count > 0 && right.Count > 0;
        foreach (var (side, axis) in new[] { (left, 0), (right, 1) })
        {
            foreach (var (name, ys) in side)
            {
                double[] xs = [.. Enumerable.Range(1, ys.Length).Select(i => (double)i)];
                string label = bothSides ? $"{name} ({(axis == 0 ? "left" : "right")})" : name;
                LineSeries.Add(plot, label, xs, ys, Color.Category(colour++), LineThickness, axis == 0 ? plot.Axes.Left : plot.Axes.Right);
                corner.AddLine(xs, ys, axis);
            }
        }

        plot.Axes.AutoScale();
        if (colour > 0) corner.ShowLegend(plot, width, height);
        return PlotFigure.Render(plot, width, height);
    }
}
