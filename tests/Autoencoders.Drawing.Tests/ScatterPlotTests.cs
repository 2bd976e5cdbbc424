using System.Diagnostics;

namespace Autoencoders.Drawing.Tests;

public class ScatterPlotTests
{
    [Fact]
    public void EachCategoryColorAppearsInThePlotAndInTheLegend()
    {
        var (x, y, categories) = SampleData.Clusters(2_000);
        ScatterPlot plot = new ScatterPlot { Title = "Latent space", CategoryNames = SampleData.FashionNames }
            .AddPoints(x, y, categories);
        RgbImage image = plot.Render(800, 600);
        PixelRectangle area = plot.CreateLayout(800, 600).Axes.PlotArea;

        for (int category = 0; category < 10; category++)
        {
            var pixels = ImageAssertions.PixelsOf(image, Color.Category(category)).ToList();
            Assert.True(pixels.Count(p => area.Contains(p.X, p.Y)) > 50, $"category {category} barely drawn");
            Assert.Contains(pixels, p => p.X >= area.Right); // its legend swatch, right of the plot
        }
    }

    [Fact]
    public void PointsLandOnTheirScaledPositions()
    {
        double[] xs = [-2, 0, 5];
        double[] ys = [10, -10, 3];
        ScatterPlot plot = new ScatterPlot().AddPoints(xs, ys, [4, 5, 6]);
        RgbImage image = plot.Render(640, 480);
        Axes axes = plot.CreateLayout(640, 480).Axes;

        for (int i = 0; i < xs.Length; i++)
        {
            Assert.Equal(Color.Category(4 + i), image.GetPixel(axes.X.ToPixelRounded(xs[i]), axes.Y.ToPixelRounded(ys[i])));
        }
    }

    [Fact]
    public void WithoutCategoriesEveryPointHasOneColorAndThereIsNoLegend()
    {
        var (x, y, _) = SampleData.Clusters(500);
        ScatterPlot plot = new ScatterPlot().AddPoints(x, y);
        RgbImage image = plot.Render(800, 600);
        (Axes axes, Legend legend) = plot.CreateLayout(800, 600);

        Assert.True(legend.IsEmpty);
        var pixels = ImageAssertions.PixelsOf(image, Color.Category(0)).ToList();
        Assert.True(pixels.Count > 500);
        Assert.All(pixels, p => Assert.True(axes.PlotArea.Contains(p.X, p.Y)));
        Assert.Empty(ImageAssertions.PixelsOf(image, Color.Category(1)));
    }

    [Fact]
    public void CategoryNamesWidenTheLegend()
    {
        int[] categories = [0, 1, 2];
        Legend numbered = new ScatterPlot().AddPoints([1.0, 2, 3], [1.0, 2, 3], categories).CreateLayout(800, 600).Legend;
        Legend named = new ScatterPlot { CategoryNames = ["T-shirt/top", "Trouser"] }
            .AddPoints([1.0, 2, 3], [1.0, 2, 3], categories).CreateLayout(800, 600).Legend;

        Assert.Equal(numbered.Height, named.Height);
        Assert.Equal(BitmapFont.Measure("T-shirt/top", 2).Width - BitmapFont.Measure("0", 2).Width, named.Width - numbered.Width);
    }

    [Fact]
    public void TenThousandPointsRenderQuickly()
    {
        var (x, y, categories) = SampleData.Clusters(10_000);
        var plot = new ScatterPlot().AddPoints(x, y, categories);
        plot.Render(); // warm up the JIT

        var stopwatch = Stopwatch.StartNew();
        RgbImage image = plot.Render();
        stopwatch.Stop();

        Assert.True(stopwatch.ElapsedMilliseconds < 1000, $"took {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal((800, 600), (image.Width, image.Height));
    }

    [Fact]
    public void NonFinitePointsAreSkippedAndDoNotStretchTheAxes()
    {
        ScatterPlot plot = new ScatterPlot()
            .AddPoints([1.0, 2, double.NaN, double.PositiveInfinity], [1.0, 2, 5, 1], [0, 0, 1, 2]);
        RgbImage image = plot.Render();
        Axes axes = plot.CreateLayout(800, 600).Axes;

        Assert.InRange(axes.X.Max, 2, 3);
        Assert.InRange(axes.Y.Max, 2, 3);
        Assert.DoesNotContain(ImageAssertions.PixelsOf(image, Color.Category(1)), p => axes.PlotArea.Contains(p.X, p.Y));
    }

    [Fact]
    public void DegenerateInputsDoNotThrow()
    {
        RgbImage empty = new ScatterPlot().Render();
        RgbImage onePoint = new ScatterPlot().AddPoints([0.0], [0.0], [3]).Render(320, 240);
        RgbImage samePoint = new ScatterPlot().AddPoints([5f, 5f], [7f, 7f]).Render();

        Assert.NotEmpty(ImageAssertions.PixelsOf(empty, Color.Black));
        Assert.NotEmpty(ImageAssertions.PixelsOf(onePoint, Color.Category(3)));
        Assert.NotEmpty(ImageAssertions.PixelsOf(samePoint, Color.Category(0)));
    }

    [Fact]
    public void MismatchedCountsAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ScatterPlot().AddPoints([1.0, 2], [1.0, 2], [0]));
        Assert.Contains("1 categories", error.Message);
    }
}
