namespace Autoencoders.Drawing.Tests;

public class ScatterPlotTests
{
    [Fact]
    public void EachCategoryColorAppearsInThePlotAndTheLegendIsOutsideOnTheRight()
    {
        var (x, y, categories) = SampleData.Clusters(2000);
        Figure figure = new ScatterPlot { CategoryNames = SampleData.FashionNames }.AddPoints(x, y, categories).RenderFigure(800, 600);

        for (int category = 0; category < 10; category++)
        {
            var pixels = ImageAssertions.PixelsOf(figure.Image, Color.Category(category)).ToList();
            Assert.True(pixels.Count(p => figure.DataArea.Contains(p.X, p.Y)) > 100, $"category {category}");
            Assert.Contains(pixels, p => p.X >= figure.DataArea.Right); // its legend marker
        }

        var legend = new PixelRectangle(figure.DataArea.Right + 1, 0, 800 - figure.DataArea.Right - 1, 600);
        Assert.True(ImageAssertions.DarkPixels(figure.Image, legend).Count() > 200, "legend text");
    }

    [Fact]
    public void PointsLandOnTheirPositionsAndNonFiniteOnesAreSkipped()
    {
        Figure figure = new ScatterPlot { MarkerRadius = 3 }.AddPoints([0.0, 10, double.NaN], [0.0, 5, 1]).RenderFigure(400, 300);

        Assert.True(ImageAssertions.HasColorNear(figure.Image, figure.ToPixel(0, 0), Color.Category(0), radius: 1, tolerance: 0));
        Assert.True(ImageAssertions.HasColorNear(figure.Image, figure.ToPixel(10, 5), Color.Category(0), radius: 1, tolerance: 0));
        Assert.InRange(figure.Left.Top, 5, 6); // no legend without categories: the data area reaches the right margin
        Assert.True(figure.DataArea.Right > 370);
    }

    [Fact]
    public void MismatchedCountsAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ScatterPlot().AddPoints([1.0, 2], [1.0], [0, 1]));
        Assert.Contains("2 x, 1 y", error.Message);
    }
}

public class HistogramPlotTests
{
    [Fact]
    public void BarsFillsOutlinesAndTheDashedLineAreDrawn()
    {
        double[] normal = [.. Enumerable.Range(0, 200).Select(i => 1 + i / 200.0)];
        double[] anomalous = [.. Enumerable.Range(0, 50).Select(i => 1.8 + i / 100.0)];
        var plot = new HistogramPlot { Bins = 20 }.AddSeries("normal", normal).AddSeries("anomalous", anomalous).AddVerticalLine("threshold", 2.5);
        Figure figure = plot.RenderFigure(800, 600);

        // The fill is alpha-blended by Skia: within rounding of the tint ColorMix computes.
        Color fill = HistogramPlot.FillColor(0);
        int filled = Enumerable.Range(0, 800).Sum(x => Enumerable.Range(0, 600).Count(y =>
        {
            Color pixel = figure.Image.GetPixel(x, y);
            return Math.Abs(pixel.R - fill.R) <= 3 && Math.Abs(pixel.G - fill.G) <= 3 && Math.Abs(pixel.B - fill.B) <= 3;
        }));
        Assert.True(filled > 5000, $"normal fill: {filled} pixels");
        Color outline = Color.Category(1);
        int outlined = Enumerable.Range(0, 800).Sum(x => Enumerable.Range(0, 600).Count(y =>
        {
            Color pixel = figure.Image.GetPixel(x, y);
            return Math.Abs(pixel.R - outline.R) <= 60 && Math.Abs(pixel.G - outline.G) <= 60 && Math.Abs(pixel.B - outline.B) <= 60;
        }));
        Assert.True(outlined > 100, $"anomalous outline: {outlined} pixels"); // 1-pixel outlines are antialiased
        // The dashed line: its colour in the column of x = 2.5, with gaps.
        int column = figure.ToPixel(2.5, 0).X;
        int onLine = Enumerable.Range(figure.DataArea.Y, figure.DataArea.Height)
            .Count(y => ImageAssertions.HasColorNear(figure.Image, (column, y), plot.LineColor(0), radius: 1));
        Assert.InRange(onLine, figure.DataArea.Height / 3, figure.DataArea.Height - 20);
        Assert.Equal(0, figure.Left.Bottom); // bars stand on the frame
    }

    [Fact]
    public void LogXNeedsPositiveValuesAndBadValuesNameTheSeries()
    {
        Assert.Throws<InvalidOperationException>(() => new HistogramPlot { LogX = true }.AddSeries("s", [0.0, 1]).Render());
        var error = Assert.Throws<ArgumentException>(() => new HistogramPlot().AddSeries("scores", [1.0, double.NaN]));
        Assert.Contains("scores", error.Message);
        Assert.Throws<InvalidOperationException>(() => new HistogramPlot().Render());
    }
}

public class TwoAxisLinePlotTests
{
    private static readonly double[] Loss = [.. Enumerable.Range(0, 50).Select(i => 0.1 + 0.6 * Math.Exp(-i / 10.0))];
    private static readonly double[] Accuracy = [.. Enumerable.Range(0, 50).Select(i => Math.Min(1.0, 0.5 + i / 40.0))];

    [Fact]
    public void EachSeriesIsDrawnOnItsOwnScale()
    {
        Figure figure = new TwoAxisLinePlot { XLabel = "epoch", LeftLabel = "loss", RightLabel = "accuracy" }
            .AddLeft("loss", Loss).AddRight("accuracy", Accuracy).RenderFigure(800, 600);

        for (int i = 0; i < Loss.Length; i += 7)
        {
            Assert.True(ImageAssertions.HasColorNear(figure.Image, figure.ToPixel(i + 1, Loss[i]), Color.Category(0)), $"loss {i}");
            Assert.True(ImageAssertions.HasColorNear(figure.Image, figure.ToPixel(i + 1, Accuracy[i], rightAxis: true), Color.Category(1)), $"accuracy {i}");
        }

        Assert.InRange(figure.Right.Top, 1, 1.1);
        Assert.InRange(figure.Left.Top, 0.7, 0.8);
    }
}

public class ConfusionMatrixPlotTests
{
    [Fact]
    public void CellsAreColouredByTheirShareOfTheRowWithTheCountWritten()
    {
        int[,] counts = { { 9, 1 }, { 5, 5 } };
        var layout = ConfusionMatrixPlot.CreateLayout(counts, ["normal", "anomaly"], null, 0);
        RgbImage image = ConfusionMatrixPlot.Render(counts, ["normal", "anomaly"]);
        PixelRectangle grid = layout.Grid;
        int cell = layout.CellSize;

        Assert.Equal((layout.Width, layout.Height), (image.Width, image.Height));
        // A cell's corner is free of the count text and the separators.
        Assert.Equal(ConfusionMatrixPlot.CellColor(0.9), image.GetPixel(grid.X + 4, grid.Y + 4));
        Assert.Equal(ConfusionMatrixPlot.CellColor(0.1), image.GetPixel(grid.X + cell + 4, grid.Y + 4));
        Assert.Equal(ConfusionMatrixPlot.CellColor(0.5), image.GetPixel(grid.X + 4, grid.Y + cell + 4));
        // White count text on the dark cell, dark text on the light one.
        var dark = new PixelRectangle(grid.X + cell / 4, grid.Y + cell / 4, cell / 2, cell / 2);
        Assert.Contains(Color.White, Enumerable.Range(dark.X, dark.Width).SelectMany(x => Enumerable.Range(dark.Y, dark.Height).Select(y => image.GetPixel(x, y))));
        var light = new PixelRectangle(grid.X + cell + cell / 4, grid.Y + cell / 4, cell / 2, cell / 2);
        Assert.NotEmpty(ImageAssertions.DarkPixels(image, light));
    }

    [Fact]
    public void ClassNamesAreWrittenLeftOfAndBelowTheGrid()
    {
        var layout = ConfusionMatrixPlot.CreateLayout(new int[3, 3], ["a", "b", "c"], null, 0);
        RgbImage image = ConfusionMatrixPlot.Render(new int[3, 3], ["a", "b", "c"]);

        Assert.NotEmpty(ImageAssertions.DarkPixels(image, new PixelRectangle(0, layout.Grid.Y, layout.Grid.X - 2, layout.Grid.Height)));
        Assert.NotEmpty(ImageAssertions.DarkPixels(image, new PixelRectangle(layout.Grid.X, layout.Grid.Bottom + 2, layout.Grid.Width, 30)));
        Assert.Equal(Color.White, ConfusionMatrixPlot.CellColor(0));
        Assert.Equal(new Color(8, 48, 107), ConfusionMatrixPlot.CellColor(1));
    }

    [Fact]
    public void ManyClassesRenderAndInvalidMatricesAreRejected()
    {
        var many = new int[40, 40];
        for (int i = 0; i < 40; i++) many[i, i] = 100;
        RgbImage image = ConfusionMatrixPlot.Render(many, [.. Enumerable.Range(0, 40).Select(i => $"class number {i}")]);
        Assert.True(image.Width > 480);

        Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Render(new int[2, 3], ["a", "b"]));
        Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Render(new int[2, 2], ["a"]));
        Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Render(new int[,] { { -1, 0 }, { 0, 0 } }, ["a", "b"]));
    }
}
