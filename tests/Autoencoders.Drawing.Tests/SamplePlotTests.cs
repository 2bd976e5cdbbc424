namespace Autoencoders.Drawing.Tests;

/// <summary>
/// Renders one realistic example of each plot to $TMPDIR/drawing-samples/ for a person to look at, and checks
/// that what landed on disk decodes to the requested size.
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
    public void Reconstructions()
    {
        float[][] digits = SampleData.Digits();
        float[][] images = [.. digits, .. digits.Select(d => SampleData.Blur(d, 28, 28))];
        RgbImage image = ImageGrid.Render(images, 28, 28, columns: 10, rowLabels: ["original", "reconstructed"], title: "Reconstructions");

        AssertSavedWithSize("reconstructions.png", image, image.Width, image.Height);
        Assert.True(image.Width > 10 * 56 && image.Height > 2 * 56);
    }

    private static void AssertSavedWithSize(string name, RgbImage image, int width, int height)
    {
        Directory.CreateDirectory(SampleDirectory);
        string path = Path.Combine(SampleDirectory, name);
        PngFile.Save(path, image);

        PngDecoder.DecodedImage decoded = PngDecoder.Decode(File.ReadAllBytes(path));
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        Assert.Equal(image.Pixels, decoded.Pixels);
    }
}
