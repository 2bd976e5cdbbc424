namespace Autoencoders.Drawing.Tests;

public class LinePlotTests
{
    private static readonly Color First = Color.Category(0);
    private static readonly Color Second = Color.Category(1);

    private static LinePlot TrainingPlot()
    {
        var (epochs, loss, validation) = SampleData.LossCurves();
        return new LinePlot { Title = "Training", XLabel = "epoch", YLabel = "loss" }
            .AddSeries("loss", epochs, loss)
            .AddSeries("val_loss", epochs, validation);
    }

    [Fact]
    public void SeriesColorsAppearOnlyInsideThePlotArea()
    {
        LinePlot plot = TrainingPlot();
        RgbImage image = plot.Render(800, 600);
        PixelRectangle area = plot.CreateAxes(800, 600).PlotArea;

        foreach (Color color in new[] { First, Second })
        {
            var pixels = ImageAssertions.PixelsOf(image, color).ToList();
            Assert.True(pixels.Count > 500, $"{color}: only {pixels.Count} pixels");
            Assert.All(pixels, p => Assert.True(area.Contains(p.X, p.Y), $"{color} at {p} is outside {area}"));
        }

        Assert.Empty(ImageAssertions.PixelsOf(image, Color.Category(2)));
    }

    [Fact]
    public void LinesPassThroughEveryDataPoint()
    {
        var (epochs, loss, _) = SampleData.LossCurves();
        LinePlot plot = new LinePlot().AddSeries("loss", epochs, loss);
        RgbImage image = plot.Render(640, 480);
        Axes axes = plot.CreateAxes(640, 480);

        for (int i = 0; i < epochs.Length; i++)
        {
            Assert.Equal(First, image.GetPixel(axes.X.ToPixelRounded(epochs[i]), axes.Y.ToPixelRounded(loss[i])));
        }
    }

    [Fact]
    public void MarginsStayWhite()
    {
        RgbImage image = TrainingPlot().Render(800, 600);

        for (int x = 0; x < image.Width; x++)
        {
            Assert.Equal(Color.White, image.GetPixel(x, 0));
            Assert.Equal(Color.White, image.GetPixel(x, image.Height - 1));
        }

        for (int y = 0; y < image.Height; y++) Assert.Equal(Color.White, image.GetPixel(image.Width - 1, y));
    }

    [Fact]
    public void YOnlySeriesUsesEpochNumbersFromOne()
    {
        float[] losses = [0.9f, 0.5f, 0.3f, 0.25f];
        LinePlot plot = new LinePlot().AddSeries("loss", losses);
        RgbImage image = plot.Render();
        Axes axes = plot.CreateAxes(800, 600);

        Assert.InRange(axes.X.Min, 0.8, 1);
        Assert.InRange(axes.X.Max, 4, 4.2);
        Assert.Equal(First, image.GetPixel(axes.X.ToPixelRounded(4), axes.Y.ToPixelRounded(0.25f)));
    }

    [Fact]
    public void SinglePointIsDrawnAsADotInTheMiddle()
    {
        LinePlot plot = new LinePlot().AddSeries("loss", [3.0], [0.25]);
        RgbImage image = plot.Render(400, 300);
        PixelRectangle area = plot.CreateAxes(400, 300).PlotArea;

        Assert.Equal(First, image.GetPixel(area.X + (area.Width - 1) / 2, area.Y + (area.Height - 1) / 2));
        Assert.InRange(ImageAssertions.PixelsOf(image, First).Count(), 9, 200); // a dot plus the legend swatch
    }

    [Fact]
    public void ConstantSeriesIsAHorizontalLineAcrossTheMiddle()
    {
        LinePlot plot = new LinePlot().AddSeries("loss", [1.0, 2, 3, 4, 5], [0.5, 0.5, 0.5, 0.5, 0.5]);
        RgbImage image = plot.Render(400, 300);
        Axes axes = plot.CreateAxes(400, 300);
        int middle = axes.Y.ToPixelRounded(0.5);

        Assert.InRange(middle, axes.PlotArea.Y + axes.PlotArea.Height / 3, axes.PlotArea.Bottom - axes.PlotArea.Height / 3);
        for (int x = axes.X.ToPixelRounded(1); x <= axes.X.ToPixelRounded(5); x++) Assert.Equal(First, image.GetPixel(x, middle));
    }

    [Fact]
    public void NonFiniteValuesLeaveGaps()
    {
        double[] xs = [1, 2, 3, 4, 5];
        double[] ys = [1, 2, double.NaN, 4, double.PositiveInfinity];
        LinePlot plot = new LinePlot().AddSeries("loss", xs, ys);
        RgbImage image = plot.Render(400, 300);
        Axes axes = plot.CreateAxes(400, 300);

        int gapX = axes.X.ToPixelRounded(2.5), gapY = axes.Y.ToPixelRounded(3);
        Assert.NotEqual(First, image.GetPixel(gapX, gapY));  // no line from (2, 2) to (4, 4)
        Assert.Equal(First, image.GetPixel(axes.X.ToPixelRounded(1.5), axes.Y.ToPixelRounded(1.5)));
        Assert.Equal(First, image.GetPixel(axes.X.ToPixelRounded(4), axes.Y.ToPixelRounded(4))); // isolated → dot
        Assert.InRange(axes.Y.Max, 4, 5); // infinity does not stretch the axis
    }

    [Fact]
    public void DegenerateInputsRenderAFrameWithoutData()
    {
        RgbImage[] images =
        [
            new LinePlot().Render(),
            new LinePlot().AddSeries("empty", Array.Empty<double>(), Array.Empty<double>()).Render(),
            new LinePlot().AddSeries("nan", [double.NaN, double.NaN]).Render(),
            new LinePlot { Title = "tiny" }.AddSeries("loss", [1.0, 2]).Render(40, 30),
        ];

        foreach (RgbImage image in images.Take(3))
        {
            Assert.Equal((800, 600), (image.Width, image.Height));
            Assert.NotEmpty(ImageAssertions.PixelsOf(image, Color.Black));
        }

        Assert.Equal((40, 30), (images[3].Width, images[3].Height));
    }

    [Fact]
    public void ValuesTooLargeForAnAxisAreSkipped()
    {
        LinePlot plot = new LinePlot().AddSeries("huge", [-1e308, 0, 1, 1e308], [1e308, 0, 1, -1e308]);
        Axes axes = plot.CreateAxes(400, 300);
        RgbImage image = plot.Render(400, 300);

        Assert.InRange(axes.X.Min, -0.1, 0);
        Assert.InRange(axes.X.Max, 1, 1.1);
        Assert.All(axes.Y.Ticks, tick => Assert.True(axes.Y.Label(tick).Length <= 4, axes.Y.Label(tick)));
        Assert.Equal(Color.Category(0), image.GetPixel(axes.X.ToPixelRounded(0.5), axes.Y.ToPixelRounded(0.5)));
    }

    [Fact]
    public void LongTitleIsShrunkToFitTheImage()
    {
        LinePlot plot = new LinePlot { Title = new string('W', 200) }.AddSeries("loss", [1.0, 2]);
        RgbImage image = plot.Render(320, 240);
        int titleBandHeight = plot.CreateAxes(320, 240).PlotArea.Y;

        var ink = ImageAssertions.PixelsOf(image, Color.Black).Where(p => p.Y < titleBandHeight).ToList();
        Assert.NotEmpty(ink);
        Assert.All(ink, p => Assert.InRange(p.X, 1, image.Width - 2));
    }

    [Fact]
    public void MismatchedLengthsAreRejectedWithBothCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => new LinePlot().AddSeries("loss", [1.0, 2, 3], [1.0, 2]));
        Assert.Contains("loss", error.Message);
        Assert.Contains("3 x and 2 y", error.Message);
    }

    [Fact]
    public void LegendGoesToTheEmptiestCorner()
    {
        Color legendBorder = new(190, 190, 190);
        // Rising data leaves the upper left empty; falling data the upper right.
        foreach (var (ys, leftHalf) in new[] { (new[] { 0.0, 1, 2, 3, 4 }, true), (new[] { 4.0, 3, 2, 1, 0 }, false) })
        {
            LinePlot plot = new LinePlot().AddSeries("rising or falling", ys);
            RgbImage image = plot.Render();
            PixelRectangle area = plot.CreateAxes(800, 600).PlotArea;

            var border = ImageAssertions.PixelsOf(image, legendBorder).ToList();
            Assert.NotEmpty(border);
            Assert.All(border, p => Assert.True(p.Y < area.Y + area.Height / 2));
            Assert.All(border, p => Assert.Equal(leftHalf, p.X < area.X + area.Width / 2));
        }
    }

    [Theory]
    [InlineData(300, 200, 0, 1)]
    [InlineData(800, 600, 0.000123, 0.000456)]
    [InlineData(800, 600, -123456.7, 9876543.2)]
    [InlineData(1600, 1200, 1, 1000)]
    [InlineData(400, 300, 0.1, 0.10004)]
    public void TickLabelsDoNotOverlap(int width, int height, double min, double max)
    {
        Axes axes = new LinePlot().AddSeries("s", [min, max], [min, max]).CreateAxes(width, height);

        double[] ticks = axes.X.Ticks;
        Assert.True(ticks.Length >= 2, $"only {ticks.Length} x ticks");
        for (int i = 1; i < ticks.Length; i++)
        {
            int spacing = axes.X.ToPixelRounded(ticks[i]) - axes.X.ToPixelRounded(ticks[i - 1]);
            int halfWidths = (BitmapFont.Measure(axes.X.Label(ticks[i]), axes.TextScale).Width
                + BitmapFont.Measure(axes.X.Label(ticks[i - 1]), axes.TextScale).Width) / 2;
            Assert.True(spacing > halfWidths, $"labels {axes.X.Label(ticks[i - 1])} and {axes.X.Label(ticks[i])} overlap");
        }

        Assert.Equal(ticks.Length, ticks.Select(axes.X.Label).Distinct().Count());
        Assert.Equal(axes.Y.Ticks.Length, axes.Y.Ticks.Select(axes.Y.Label).Distinct().Count());
    }
}
