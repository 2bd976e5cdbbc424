namespace Autoencoders.Drawing.Tests;

public class HistogramPlotTests
{
    private static readonly Color First = Color.Category(0);
    private static readonly Color Second = Color.Category(1);

    /// <summary>Log-normal "reconstruction errors": normal images score low, anomalous ones about four times higher.</summary>
    private static (double[] Normal, double[] Anomalous) Scores()
    {
        var random = new Random(3);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double[] normal = Enumerable.Range(0, 2_000).Select(_ => 0.02 * Math.Exp(0.35 * Gaussian())).ToArray();
        double[] anomalous = Enumerable.Range(0, 300).Select(_ => 0.08 * Math.Exp(0.4 * Gaussian())).ToArray();
        return (normal, anomalous);
    }

    [Fact]
    public void TwoBinsShareEdgesAndTheTallerBinIsTallerInPixels()
    {
        // Range [1, 3] in 2 bins: edges 1, 2, 3; the maximum 3 belongs to the last bin.
        HistogramPlot plot = new HistogramPlot { Bins = 2 }.AddSeries("a", [1.0, 1.2, 1.9]).AddSeries("b", [2.5, 3.0]);
        RgbImage image = plot.Render(640, 480);
        Axes axes = plot.CreateAxes(640, 480);

        // Sample off the tick values (1.5, 1, 2): grid lines there show through the translucent fills.
        int aInside = axes.X.ToPixelRounded(1.3), bInside = axes.X.ToPixelRounded(2.7);
        Assert.Equal(First, image.GetPixel(aInside, axes.Y.ToPixelRounded(3)));  // top edge of a's bar: 3 values
        Assert.Equal(Second, image.GetPixel(bInside, axes.Y.ToPixelRounded(2))); // top edge of b's bar: 2 values
        Assert.Equal(HistogramPlot.FillColor(0), image.GetPixel(aInside, axes.Y.ToPixelRounded(1.25)));
        Assert.Equal(HistogramPlot.FillColor(1), image.GetPixel(bInside, axes.Y.ToPixelRounded(1.25)));

        var aFill = ImageAssertions.PixelsOf(image, HistogramPlot.FillColor(0)).ToList();
        var bFill = ImageAssertions.PixelsOf(image, HistogramPlot.FillColor(1)).ToList();
        Assert.All(aFill, p => Assert.InRange(p.X, axes.X.ToPixelRounded(1), axes.X.ToPixelRounded(2)));
        Assert.All(bFill, p => Assert.InRange(p.X, axes.X.ToPixelRounded(2), axes.X.ToPixelRounded(3)));
        Assert.True(aFill.Min(p => p.Y) < bFill.Min(p => p.Y) - 50, "the bin with 3 values should stand well above the one with 2");
    }

    [Fact]
    public void BarsStandOnTheBottomOfTheFrame()
    {
        HistogramPlot plot = new HistogramPlot().AddSeries("s", [0.0, 1, 1, 2]);
        Axes axes = plot.CreateAxes(800, 600);

        Assert.Equal(0, axes.Y.Min, 9);
        Assert.Equal(axes.PlotArea.Bottom - 1, axes.Y.ToPixelRounded(0));
        Assert.Contains(0.0, axes.Y.Ticks);
    }

    [Fact]
    public void ValuesInOneBinDrawOneBarAtThatValue()
    {
        // All values equal: 50 bins 0.04 wide span 10 ± 1, shifted by half a bin so 10 is the centre of [9.98, 10.02).
        HistogramPlot plot = new HistogramPlot().AddSeries("constant", Enumerable.Repeat(10.0, 7).ToArray());
        RgbImage image = plot.Render();
        Axes axes = plot.CreateAxes(800, 600);

        Assert.InRange(axes.X.Min, 8.8, 9);
        Assert.InRange(axes.X.Max, 11, 11.2);
        int left = axes.X.ToPixelRounded(9.98), right = axes.X.ToPixelRounded(10.02);
        var fill = ImageAssertions.PixelsOf(image, HistogramPlot.FillColor(0)).ToList();
        Assert.NotEmpty(fill);
        Assert.All(fill, p => Assert.InRange(p.X, left, right));
        Assert.Equal(First, image.GetPixel(left, axes.Y.ToPixelRounded(3.5)));
        Assert.Equal(First, image.GetPixel((left + right) / 2, axes.Y.ToPixelRounded(7)));
        Assert.DoesNotContain(ImageAssertions.PixelsOf(image, First), p => (p.X < left || p.X > right) && p.X < axes.PlotArea.Right - 300);

        // An odd number of bins needs no shift: the middle bin of 5 is [9.8, 10.2).
        HistogramPlot odd = new HistogramPlot { Bins = 5 }.AddSeries("constant", [10.0, 10.0]);
        RgbImage oddImage = odd.Render();
        Axes oddAxes = odd.CreateAxes(800, 600);
        var oddFill = ImageAssertions.PixelsOf(oddImage, HistogramPlot.FillColor(0)).ToList();
        Assert.Equal(oddAxes.X.ToPixelRounded(9.8) + 1, oddFill.Min(p => p.X));
        Assert.Equal(oddAxes.X.ToPixelRounded(10.2) - 1, oddFill.Max(p => p.X));
    }

    [Fact]
    public void OverlappingBarsKeepBothOutlinesAndMixTheirFills()
    {
        // Both series fill the same two bins; "short" stands inside "tall".
        HistogramPlot plot = new HistogramPlot { Bins = 2 }.AddSeries("tall", [0.0, 0, 0, 0, 1]).AddSeries("short", [0.0, 0, 1]);
        RgbImage image = plot.Render(640, 480);
        Axes axes = plot.CreateAxes(640, 480);
        int middle = axes.X.ToPixelRounded(0.25);

        Assert.Equal(First, image.GetPixel(middle, axes.Y.ToPixelRounded(4)));
        Assert.Equal(Second, image.GetPixel(middle, axes.Y.ToPixelRounded(2))); // drawn over the tall bar's fill
        Assert.Equal(HistogramPlot.FillColor(0), image.GetPixel(middle, axes.Y.ToPixelRounded(3.25)));

        // Below both tops the fills mix: 0.65 · (0.65 · white + 0.35 · blue) + 0.35 · orange, per channel.
        Color mixed = image.GetPixel(middle, axes.Y.ToPixelRounded(1.25));
        Color blue = First, orange = Second;
        double Expected(byte b, byte o) => 0.65 * (0.65 * 255 + 0.35 * b) + 0.35 * o;
        Assert.InRange(mixed.R, Expected(blue.R, orange.R) - 1, Expected(blue.R, orange.R) + 1);
        Assert.InRange(mixed.G, Expected(blue.G, orange.G) - 1, Expected(blue.G, orange.G) + 1);
        Assert.InRange(mixed.B, Expected(blue.B, orange.B) - 1, Expected(blue.B, orange.B) + 1);
    }

    [Fact]
    public void VerticalLineIsDashedAtItsColumnAndInTheLegend()
    {
        var (normal, anomalous) = Scores();
        HistogramPlot plot = new HistogramPlot().AddSeries("normal", normal).AddSeries("anomalous", anomalous)
            .AddVerticalLine("threshold 0.031", 0.031);
        RgbImage image = plot.Render();
        Axes axes = plot.CreateAxes(800, 600);
        Color lineColor = Color.Category(2);
        Assert.Equal(lineColor, plot.LineColor(0));

        int column = axes.X.ToPixelRounded(0.031);
        int onLine = Enumerable.Range(axes.PlotArea.Y + 1, axes.PlotArea.Height - 2).Count(y => image.GetPixel(column, y) == lineColor);
        Assert.InRange(onLine, axes.PlotArea.Height / 2, axes.PlotArea.Height * 9 / 10); // dashes: mostly ink, with gaps
        var elsewhere = ImageAssertions.PixelsOf(image, lineColor).Where(p => p.X != column && p.X != column + 1).ToList();
        Assert.NotEmpty(elsewhere); // the legend swatch
        Assert.All(elsewhere, p => Assert.True(axes.PlotArea.Contains(p.X, p.Y)));
    }

    [Fact]
    public void LineOutsideTheDataWidensTheAxis()
    {
        HistogramPlot plot = new HistogramPlot().AddSeries("s", [0.0, 0.5, 1]).AddVerticalLine("far", 10);
        RgbImage image = plot.Render(640, 480);
        Axes axes = plot.CreateAxes(640, 480);

        Assert.InRange(axes.X.Max, 10, 10.6);
        Assert.Equal(Color.Category(1), image.GetPixel(axes.X.ToPixelRounded(10), axes.PlotArea.Y + 1));
    }

    [Fact]
    public void LogXBinsEqualStepsOfLog10()
    {
        // Ten values per decade from 1e-3 to 1e3, placed at bin centres of 6 log-bins spanning [-3, 3].
        double[] values = [.. Enumerable.Range(0, 6).SelectMany(decade => Enumerable.Repeat(Math.Pow(10, decade - 2.5), decade + 1))];
        values = [.. values, 1e-3, 1e3];
        HistogramPlot plot = new HistogramPlot { Bins = 6, LogX = true, XLabel = "error" }.AddSeries("s", values);
        RgbImage image = plot.Render();
        Axes axes = plot.CreateAxes(800, 600);

        Assert.InRange(axes.X.Min, -3.4, -3);
        Assert.InRange(axes.X.Max, 3, 3.4);
        for (int decade = 0; decade < 6; decade++)
        {
            int count = decade + 1 + (decade is 0 or 5 ? 1 : 0);
            Assert.Equal(First, image.GetPixel(axes.X.ToPixelRounded(decade - 2.5), axes.Y.ToPixelRounded(count)));
        }
    }

    [Fact]
    public void SeriesColorsStayInsideThePlotAreaAndMarginsStayWhite()
    {
        var (normal, anomalous) = Scores();
        HistogramPlot plot = new HistogramPlot { Title = "Anomaly scores", XLabel = "MSE" }
            .AddSeries("normal", normal).AddSeries("anomalous", anomalous);
        RgbImage image = plot.Render();
        PixelRectangle area = plot.CreateAxes(800, 600).PlotArea;

        foreach (Color color in new[] { First, Second, HistogramPlot.FillColor(0), HistogramPlot.FillColor(1) })
        {
            var pixels = ImageAssertions.PixelsOf(image, color).ToList();
            Assert.True(pixels.Count > 100, $"{color}: only {pixels.Count} pixels");
            Assert.All(pixels, p => Assert.True(area.Contains(p.X, p.Y), $"{color} at {p} is outside {area}"));
        }

        for (int x = 0; x < image.Width; x++) Assert.Equal(Color.White, image.GetPixel(x, 0));
        for (int y = 0; y < image.Height; y++) Assert.Equal(Color.White, image.GetPixel(image.Width - 1, y));
    }

    [Fact]
    public void EmptySeriesAndTinyImagesRender()
    {
        RgbImage emptySeries = new HistogramPlot().AddSeries("none", Array.Empty<double>()).Render(320, 240);
        RgbImage tiny = new HistogramPlot { Title = "tiny" }.AddSeries("s", [1.0, 2]).AddVerticalLine("t", 1.5).Render(40, 30);

        Assert.NotEmpty(ImageAssertions.PixelsOf(emptySeries, Color.Black));
        Assert.Empty(ImageAssertions.PixelsOf(emptySeries, HistogramPlot.FillColor(0)));
        Assert.Equal((40, 30), (tiny.Width, tiny.Height));
    }

    [Fact]
    public void SavedPngDecodesToTheRenderedPixels()
    {
        var (normal, anomalous) = Scores();
        RgbImage image = new HistogramPlot { Title = "Anomaly scores", XLabel = "reconstruction error (MSE)" }
            .AddSeries("normal", normal).AddSeries("anomalous", anomalous).AddVerticalLine("threshold 0.031", 0.031)
            .Render();
        string directory = Path.Combine(Path.GetTempPath(), "drawing-samples");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "histogram.png");
        PngFile.Save(path, image);

        PngDecoder.DecodedImage decoded = PngDecoder.Decode(File.ReadAllBytes(path));
        Assert.Equal((800, 600), (decoded.Width, decoded.Height));
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Fact]
    public void InvalidInputIsRejectedWithTheSeriesName()
    {
        var nan = Assert.Throws<ArgumentException>(() => new HistogramPlot().AddSeries("scores", [1.0, double.NaN]));
        Assert.Contains("'scores'", nan.Message);
        Assert.Contains("index 1", nan.Message);
        var infinite = Assert.Throws<ArgumentException>(() => new HistogramPlot().AddSeries("floats", [1f, float.PositiveInfinity]));
        Assert.Contains("'floats'", infinite.Message);
        var line = Assert.Throws<ArgumentException>(() => new HistogramPlot().AddVerticalLine("threshold", double.NaN));
        Assert.Contains("'threshold'", line.Message);

        Assert.Throws<InvalidOperationException>(() => new HistogramPlot().Render());
        Assert.Throws<ArgumentOutOfRangeException>(() => new HistogramPlot { Bins = 0 });
        var logOfZero = Assert.Throws<InvalidOperationException>(
            () => new HistogramPlot { LogX = true }.AddSeries("errors", [0.5, 0.0]).Render());
        Assert.Contains("'errors'", logOfZero.Message);
        Assert.Throws<InvalidOperationException>(
            () => new HistogramPlot { LogX = true }.AddSeries("errors", [0.5]).AddVerticalLine("zero", 0).Render());
    }
}
