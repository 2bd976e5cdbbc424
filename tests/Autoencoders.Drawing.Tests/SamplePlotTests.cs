namespace Autoencoders.Drawing.Tests;

/// <summary>
/// Renders one realistic example of each figure kind to $TMPDIR/drawing-samples/ for a person to look at, and checks
/// that what landed on disk decodes to the rendered pixels.
/// </summary>
public class SamplePlotTests
{
    private static readonly string SampleDirectory = Path.Combine(Path.GetTempPath(), "drawing-samples");

    [Fact]
    public void LossCurves()
    {
        var (epochs, loss, validation) = SampleData.LossCurves();
        RgbImage image = new LinePlot { Title = "Autoencoder training", XLabel = "epoch", YLabel = "MSE loss" }
            .AddSeries("loss", epochs, loss)
            .AddSeries("val_loss", epochs, validation)
            .Render();

        AssertSavedWithSize("loss.png", image, 800, 600);
    }

    [Fact]
    public void LatentSpace()
    {
        var (x, y, categories) = SampleData.Clusters();
        RgbImage image = new ScatterPlot
            {
                Title = "Latent space (10,000 test images)", XLabel = "z[0]", YLabel = "z[1]",
                CategoryNames = SampleData.FashionNames,
            }
            .AddPoints(x, y, categories)
            .Render();

        AssertSavedWithSize("latent.png", image, 800, 600);
    }

    [Fact]
    public void ErrorHistogramWithThreshold()
    {
        var random = new Random(3);
        double[] normal = [.. Enumerable.Range(0, 900).Select(_ => 0.02 + 0.01 * random.NextDouble() * random.NextDouble() * 3)];
        double[] anomalous = [.. Enumerable.Range(0, 100).Select(_ => 0.035 + 0.03 * random.NextDouble())];
        RgbImage image = new HistogramPlot { Title = "dense: reconstruction errors of the test samples", XLabel = "per-sample MSE" }
            .AddSeries("normal (classes 0-4)", normal).AddSeries("anomalous (other classes)", anomalous)
            .AddVerticalLine("threshold 0.0412", 0.0412)
            .Render();

        AssertSavedWithSize("histogram.png", image, 800, 600);
    }

    [Fact]
    public void RocAndPrecisionRecallCurves()
    {
        double[] fpr = [0, 0.02, 0.05, 0.1, 0.2, 0.4, 0.7, 1], tpr = [0, 0.3, 0.55, 0.7, 0.85, 0.93, 0.98, 1];
        RgbImage roc = new LinePlot { Title = "ROC of the anomaly scores: dense vs PCA", XLabel = "false positive rate", YLabel = "true positive rate" }
            .AddSeries("dense (AUC 0.912)", fpr, tpr).AddSeries("chance", [0.0, 1], [0.0, 1]).Render();
        double[] recall = [1, 0.9, 0.8, 0.6, 0.4, 0.2, 0], precision = [0.1, 0.3, 0.5, 0.7, 0.85, 0.95, 1];
        RgbImage pr = new LinePlot { Title = "precision-recall of the anomaly scores", XLabel = "recall", YLabel = "precision" }
            .AddSeries("dense (AP 0.701)", recall, precision).AddSeries("chance (share of anomalies)", [0.0, 1], [0.1, 0.1]).Render();

        AssertSavedWithSize("roc.png", roc, 800, 600);
        AssertSavedWithSize("pr.png", pr, 800, 600);
    }

    [Fact]
    public void LossAndAccuracyOnTwoAxes()
    {
        double[] loss = [.. Enumerable.Range(0, 30).Select(i => 0.1 + 0.6 * Math.Exp(-i / 6.0))];
        double[] accuracy = [.. Enumerable.Range(0, 30).Select(i => Math.Min(0.97, 0.5 + i / 40.0))];
        RgbImage image = new TwoAxisLinePlot { Title = "training on AG News", XLabel = "epoch", LeftLabel = "loss", RightLabel = "accuracy" }
            .AddLeft("loss", loss).AddRight("accuracy", accuracy).Render();

        AssertSavedWithSize("two-axis.png", image, 800, 600);
    }

    [Fact]
    public void AnomaliesShadedAbovePanelsStacked()
    {
        double[] steps = [.. Enumerable.Range(0, 300).Select(i => (double)i)];
        var top = new LinePlot { Title = "series.csv: 2 flagged range(s) shaded", XLabel = "step", YLabel = "value" }
            .AddSeries("value", steps, [.. steps.Select(s => Math.Sin(s / 12) + (s is > 120 and < 140 ? 1.5 : 0))]);
        top.ShadedRanges.Add((120, 140));
        top.ShadedRanges.Add((250, 250));
        var bottom = new LinePlot { Title = "window MSE, per step", XLabel = "step", YLabel = "MSE" }
            .AddSeries("MSE", steps, [.. steps.Select(s => 0.05 + (s is > 115 and < 145 ? 0.4 : 0))]);
        RgbImage image = ImageStack.Vertical(top.Render(1000, 450), bottom.Render(1000, 350));

        AssertSavedWithSize("series.png", image, 1000, 800);
    }

    [Fact]
    public void ConfusionMatrix()
    {
        var random = new Random(4);
        var counts = new int[10, 10];
        for (int t = 0; t < 10; t++)
            for (int p = 0; p < 10; p++)
                counts[t, p] = t == p ? 700 + random.Next(250) : random.Next(40);
        RgbImage image = ConfusionMatrixPlot.Render(counts, SampleData.FashionNames, "Fashion-MNIST test set");

        AssertSavedWithSize("confusion.png", image, image.Width, image.Height);
    }

    [Fact]
    public void Reconstructions()
    {
        float[][] digits = SampleData.Digits();
        float[][] images = [.. digits, .. digits.Select(d => SampleData.Blur(d, 28, 28))];
        RgbImage image = ImageGrid.Render(images, 28, 28, columns: 10, scale: 3, rowLabels: ["original", "reconstructed"], title: "dense: reconstructions");

        AssertSavedWithSize("reconstructions.png", image, image.Width, image.Height);
        Assert.True(image.Width > 10 * 84 && image.Height > 2 * 84);
    }

    private static void AssertSavedWithSize(string name, RgbImage image, int width, int height)
    {
        Directory.CreateDirectory(SampleDirectory);
        string path = Path.Combine(SampleDirectory, name);
        PngFile.Save(path, image);

        RgbImage decoded = PngCodec.Decode(path);
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        Assert.Equal(image.Pixels, decoded.Pixels);
    }
}
