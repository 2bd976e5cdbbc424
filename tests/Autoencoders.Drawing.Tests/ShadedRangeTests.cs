namespace Autoencoders.Drawing.Tests;

public class ShadedRangeTests
{
    [Fact]
    public void ShadingCoversTheRangeFullHeightAndNothingElse()
    {
        double[] xs = [.. Enumerable.Range(0, 101).Select(i => (double)i)];
        var plot = new LinePlot().AddSeries("v", xs, [.. xs.Select(x => Math.Sin(x / 10))]);
        plot.ShadedRanges.Add((40, 60));
        RgbImage image = plot.Render(800, 600);
        Axes axes = plot.CreateAxes(800, 600);
        int left = axes.X.ToPixelRounded(40), right = axes.X.ToPixelRounded(60);

        var shaded = ImageAssertions.PixelsOf(image, LinePlot.ShadeColor).ToList();

        Assert.All(shaded, p => Assert.InRange(p.X, left, right));
        Assert.All(shaded, p => Assert.True(axes.PlotArea.Contains(p.X, p.Y)));
        // Most of the band's area shows the shade; the line and the grid cross it.
        Assert.True(shaded.Count > 0.8 * (right - left + 1) * (axes.PlotArea.Height - 2), $"{shaded.Count} shaded pixels");
    }

    [Fact]
    public void StackedPanelsKeepEveryPixel()
    {
        var top = new RgbImage(3, 2, Color.Black);
        var bottom = new RgbImage(2, 1, Color.Category(0));

        RgbImage stacked = ImageStack.Vertical(top, bottom);

        Assert.Equal((3, 3), (stacked.Width, stacked.Height));
        Assert.Equal(Color.Black, stacked.GetPixel(2, 1));
        Assert.Equal(Color.Category(0), stacked.GetPixel(1, 2));
        Assert.Equal(Color.White, stacked.GetPixel(2, 2)); // the narrower panel is padded with white
    }
}
