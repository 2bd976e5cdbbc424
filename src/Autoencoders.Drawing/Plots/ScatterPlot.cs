using ScottPlot;

namespace Autoencoders.Drawing;

/// <summary>
/// Points coloured by an integer category (e.g. digit labels of a 2-D latent space) in
/// <see cref="Color.Category"/> colours, drawn by ScottPlot with a legend outside the plot on the right. Without categories
/// every point is category 0 and no legend is drawn. Points with a NaN, infinite or beyond-±1e300 coordinate are skipped.
/// </summary>
public sealed class ScatterPlot
{
    private readonly List<double> xs = [];
    private readonly List<double> ys = [];
    private readonly List<int> categories = [];
    private bool hasCategories;

    public string? Title { get; set; }

    public string? XLabel { get; set; }

    public string? YLabel { get; set; }

    /// <summary>Legend text per category (index = category, e.g. "T-shirt/top" for 0); missing names show the number.</summary>
    public IReadOnlyList<string>? CategoryNames { get; set; }

    /// <summary>Marker radius in pixels; 0 draws single pixels, which suits very many points.</summary>
    public int MarkerRadius { get; set; } = 2;

    /// <summary>Adds points; <paramref name="pointCategories"/>, when given, holds one category per point.</summary>
    public ScatterPlot AddPoints(IReadOnlyList<double> xs, IReadOnlyList<double> ys, IReadOnlyList<int>? pointCategories = null)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        if (xs.Count != ys.Count || (pointCategories is not null && pointCategories.Count != xs.Count))
        {
            throw new ArgumentException(
                $"Expected one x, y (and category) per point, received {xs.Count} x, {ys.Count} y, " +
                $"{pointCategories?.Count.ToString() ?? "no"} categories.", nameof(ys));
        }

        this.xs.AddRange(xs);
        this.ys.AddRange(ys);
        this.categories.AddRange(pointCategories ?? Enumerable.Repeat(0, xs.Count));
        hasCategories |= pointCategories is not null;
        return this;
    }

    /// <inheritdoc cref="AddPoints(IReadOnlyList{double}, IReadOnlyList{double}, IReadOnlyList{int})"/>
    public ScatterPlot AddPoints(IReadOnlyList<float> xs, IReadOnlyList<float> ys, IReadOnlyList<int>? pointCategories = null)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        return AddPoints(xs.Select(v => (double)v).ToArray(), ys.Select(v => (double)v).ToArray(), pointCategories);
    }

    /// <summary>
    /// Draws the plot on a new white image. Each category's points are cut into <see cref="Slices"/> slices drawn
    /// round-robin, so no category is painted entirely on top of the others where clusters overlap.
    /// </summary>
    public RgbImage Render(int width = 800, int height = 600) => RenderFigure(width, height).Image;

    /// <summary>Renders and reports where the data area is; tests use it to find the plot area.</summary>
    internal Figure RenderFigure(int width, int height)
    {
        using var plot = PlotFigure.Create(Title, XLabel, YLabel);
        var byCategory = Enumerable.Range(0, xs.Count)
            .Where(i => DataRange.IsPlottable(xs[i]) && DataRange.IsPlottable(ys[i]))
            .GroupBy(i => categories[i]).OrderBy(group => group.Key)
            .Select(group => (Category: group.Key, Points: group.ToArray())).ToList();
        float size = 2 * MarkerRadius + 1;
        for (int slice = 0; slice < Slices; slice++)
        {
            foreach (var (category, points) in byCategory)
            {
                int[] part = [.. points.Where((_, k) => k % Slices == slice)];
                if (part.Length == 0) continue;
                plot.Add.Markers(part.Select(i => xs[i]).ToArray(), part.Select(i => ys[i]).ToArray(),
                    MarkerShape.FilledCircle, size, PlotFigure.ToScottPlot(Color.Category(category)));
            }
        }

        if (hasCategories)
        {
            foreach (int category in categories.Distinct().Order())
            {
                plot.Legend.ManualItems.Add(new LegendItem
                {
                    LabelText = CategoryName(category), MarkerShape = MarkerShape.FilledCircle, MarkerSize = 10,
                    MarkerFillColor = PlotFigure.ToScottPlot(Color.Category(category)), LineWidth = 0,
                });
            }

            plot.ShowLegend(Edge.Right);
        }

        return PlotFigure.Render(plot, width, height);
    }

    /// <summary>How many interleaved slices each category is drawn in.</summary>
    private const int Slices = 8;

    private string CategoryName(int category) =>
        CategoryNames is { } names && category >= 0 && category < names.Count ? names[category] : category.ToString();
}
