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
        Figure figure = TrainingPlot().RenderFigure(800, 600);

        Assert.Equal((800, 600), (figure.Image.Width, figure.Image.Height));
        foreach (Color color in new[] { First, Second })
        {
            var pixels = ImageAssertions.PixelsOf(figure.Image, color).ToList();
            Assert.True(pixels.Count > 300, $"{color}: only {pixels.Count} pixels");
            Assert.All(pixels, p => Assert.True(figure.DataArea.Contains(p.X, p.Y), $"{color} at {p} is outside {figure.DataArea}"));
        }

        Assert.Empty(ImageAssertions.PixelsOf(figure.Image, Color.Category(2)));
    }

    [Fact]
    public void LinesPassThroughEveryDataPoint()
    {
        var (epochs, loss, _) = SampleData.LossCurves();
        Figure figure = new LinePlot().AddSeries("loss", epochs, loss).RenderFigure(640, 480);

        for (int i = 0; i < epochs.Length; i++)
            Assert.True(ImageAssertions.HasColorNear(figure.Image, figure.ToPixel(epochs[i], loss[i]), First), $"epoch {epochs[i]}");
    }

    [Fact]
    public void NonFiniteValuesLeaveGapsAndDoNotStretchTheAxis()
    {
        double[] xs = [1, 2, 3, 4, 5];
        double[] ys = [1, 2, double.NaN, 4, double.PositiveInfinity];
        Figure figure = new LinePlot().AddSeries("loss", xs, ys).RenderFigure(400, 300);

        Assert.False(ImageAssertions.HasColorNear(figure.Image, figure.ToPixel(3, 3), First, radius: 1)); // no line from (2, 2) to (4, 4)
        Assert.True(ImageAssertions.HasColorNear(figure.Image, figure.ToPixel(1.5, 1.5), First));
        Assert.True(ImageAssertions.HasColorNear(figure.Image, figure.ToPixel(4, 4), First)); // isolated → dot
        Assert.InRange(figure.Left.Top, 4, 5);
    }

    [Fact]
    public void TheLegendGoesToAnEmptyCornerAndIsWritten()
    {
        // Rising data leaves the upper left empty; falling data the upper right.
        foreach (var (ys, leftHalf) in new[] { (new[] { 0.0, 1, 2, 3, 4 }, true), (new[] { 4.0, 3, 2, 1, 0 }, false) })
        {
            Figure figure = new LinePlot().AddSeries("rising or falling", ys).RenderFigure(800, 600);
            PixelRectangle area = figure.DataArea, inner = new(area.X + 3, area.Y + 3, area.Width - 6, area.Height - 6);

            var ink = ImageAssertions.DarkPixels(figure.Image, inner).ToList();
            Assert.True(ink.Count > 50, $"{ink.Count} legend text pixels");
            Assert.All(ink, p => Assert.True(p.Y < area.Y + area.Height / 2));
            Assert.All(ink, p => Assert.Equal(leftHalf, p.X < area.X + area.Width / 2));
        }
    }

    [Fact]
    public void ShadingCoversTheRangeFullHeight()
    {
        double[] xs = [.. Enumerable.Range(0, 101).Select(i => (double)i)];
        var plot = new LinePlot().AddSeries("v", xs, [.. xs.Select(x => Math.Sin(x / 10))]);
        plot.ShadedRanges.Add((40, 60));
        Figure figure = plot.RenderFigure(800, 600);
        int left = figure.ToPixel(40, 0).X, right = figure.ToPixel(60, 0).X;

        var shaded = ImageAssertions.PixelsOf(figure.Image, LinePlot.ShadeColor).ToList();

        Assert.All(shaded, p => Assert.InRange(p.X, left - 1, right + 1));
        Assert.True(shaded.Count > 0.8 * (right - left) * figure.DataArea.Height, $"{shaded.Count} shaded pixels");
    }

    [Fact]
    public void DegenerateInputsRenderAFrameWithoutData()
    {
        RgbImage[] images =
        [
            new LinePlot().Render(),
            new LinePlot().AddSeries("empty", Array.Empty<double>(), Array.Empty<double>()).Render(),
            new LinePlot().AddSeries("nan", [double.NaN, double.NaN]).Render(),
            new LinePlot().AddSeries("huge", [-1e308, 0, 1, 1e308], [1e308, 0, 1, -1e308]).Render(),
        ];

        Assert.All(images, image => Assert.Equal((800, 600), (image.Width, image.Height)));
        Assert.All(images, image => Assert.True(ImageAssertions.CountNot(image, Color.White) > 1000));
    }

    [Fact]
    public void MismatchedLengthsAreRejectedWithBothCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => new LinePlot().AddSeries("loss", [1.0, 2, 3], [1.0, 2]));
        Assert.Contains("loss", error.Message);
        Assert.Contains("3 x and 2 y", error.Message);
    }
}
