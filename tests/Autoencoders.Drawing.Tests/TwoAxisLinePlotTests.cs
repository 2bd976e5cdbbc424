namespace Autoencoders.Drawing.Tests;

public class TwoAxisLinePlotTests
{
    // A loss falling from 0.7 to 0.1 (left) and an accuracy rising from 0.5 to 1 (right), 50 epochs.
    private static readonly double[] Loss = [.. Enumerable.Range(0, 50).Select(i => 0.1 + 0.6 * Math.Exp(-i / 10.0))];
    private static readonly double[] Accuracy = [.. Enumerable.Range(0, 50).Select(i => Math.Min(1.0, 0.5 + i / 40.0))];

    private static TwoAxisLinePlot Plot() => new TwoAxisLinePlot { Title = "training", XLabel = "epoch", LeftLabel = "loss", RightLabel = "accuracy" }
        .AddLeft("loss", Loss).AddRight("accuracy", Accuracy);

    [Fact]
    public void EachSeriesIsDrawnOnItsOwnScale()
    {
        var plot = Plot();
        RgbImage image = plot.Render(800, 600);
        var (axes, right) = plot.CreateAxes(800, 600);
        for (int i = 0; i < Loss.Length; i += 7)
        {
            int x = axes.X.ToPixelRounded(i + 1);
            Assert.Equal(Color.Category(0), image.GetPixel(x, axes.Y.ToPixelRounded(Loss[i])));
            Assert.Equal(Color.Category(1), image.GetPixel(x, right.ToPixelRounded(Accuracy[i])));
        }
        // Both scales span the plot's height: the accuracy's 1.0 is near the top although the loss never reaches it.
        Assert.InRange(right.ToPixelRounded(1.0), axes.PlotArea.Y, axes.PlotArea.Y + axes.PlotArea.Height / 10);
        Assert.InRange(axes.Y.ToPixelRounded(0.7), axes.PlotArea.Y, axes.PlotArea.Y + axes.PlotArea.Height / 10);
    }

    [Fact]
    public void TheRightAxisHasTicksAndLabelsOutsideTheFrame()
    {
        var plot = Plot();
        RgbImage image = plot.Render(800, 600);
        var (axes, right) = plot.CreateAxes(800, 600);
        Assert.True(right.Ticks.Length >= 3, $"{right.Ticks.Length} ticks");
        int blackRightOfFrame = 0;
        for (int x = axes.PlotArea.Right; x < image.Width; x++)
            for (int y = 0; y < image.Height; y++)
                if (image.GetPixel(x, y) == Color.Black) blackRightOfFrame++;
        Assert.True(blackRightOfFrame > 300, $"{blackRightOfFrame} black pixels right of the frame");
        Assert.All(ImageAssertions.PixelsOf(image, Color.Category(1)).Where(p => p.X >= axes.PlotArea.Right), p => Assert.Fail($"series pixel at {p} outside the frame"));
    }
}
