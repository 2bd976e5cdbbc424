namespace Autoencoders.Drawing;

/// <summary>
/// Points coloured by an integer category (e.g. digit labels of a 2-D latent space) in
/// <see cref="Color.Category"/> colours, with a legend outside the plot on the right. Without categories
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

    /// <summary>Draws the plot on a new white image; points are painted in the order they were added.</summary>
    public RgbImage Render(int width = 800, int height = 600)
    {
        var canvas = new Canvas(width, height, Color.White);
        (Axes axes, Legend legend) = CreateLayout(width, height);
        axes.DrawBackground(canvas);
        for (int i = 0; i < xs.Count; i++)
        {
            if (!DataRange.IsPlottable(xs[i]) || !DataRange.IsPlottable(ys[i])) continue;
            canvas.FillCircle(axes.X.ToPixelRounded(xs[i]), axes.Y.ToPixelRounded(ys[i]), MarkerRadius, Color.Category(categories[i]));
        }

        axes.DrawForeground(canvas);
        legend.Draw(canvas, axes.PlotArea.Right + LegendGap(axes.TextScale), axes.PlotArea.Y);
        return canvas.Image;
    }

    /// <summary>The layout Render uses; exposed to tests so they can find the plot area.</summary>
    internal (Axes Axes, Legend Legend) CreateLayout(int width, int height)
    {
        int scale = Axes.TextScaleFor(width, height);
        var legend = new Legend(LegendEntries(), scale, maxHeight: height - 20 * scale);
        int reserved = legend.IsEmpty ? 0 : legend.Width + LegendGap(scale);

        var xRange = new DataRange();
        var yRange = new DataRange();
        for (int i = 0; i < xs.Count; i++)
        {
            if (!DataRange.IsPlottable(xs[i]) || !DataRange.IsPlottable(ys[i])) continue;
            xRange.Include(xs[i]);
            yRange.Include(ys[i]);
        }

        return (Axes.Create(width, height, xRange, yRange, Title, XLabel, YLabel, reserved), legend);
    }

    private static int LegendGap(int scale) => 5 * scale;

    private List<LegendEntry> LegendEntries()
    {
        if (!hasCategories) return [];
        return categories.Distinct().Order()
            .Select(category => new LegendEntry(CategoryName(category), Color.Category(category), IsLine: false))
            .ToList();
    }

    private string CategoryName(int category) =>
        CategoryNames is { } names && category >= 0 && category < names.Count ? names[category] : category.ToString();
}
