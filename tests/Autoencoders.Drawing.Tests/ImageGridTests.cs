namespace Autoencoders.Drawing.Tests;

public class ImageGridTests
{
    private const int Gap = ImageGrid.Gap;

    private static float[][] RandomImages(int count, int width, int height, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, width * height).Select(_ => random.NextSingle()).ToArray())
            .ToArray();
    }

    [Fact]
    public void OutputSizeFollowsTheLayoutFormula()
    {
        RgbImage image = ImageGrid.Render(RandomImages(12, 28, 28, 1), 28, 28, columns: 5, scale: 2);

        Assert.Equal(Gap + 5 * (56 + Gap), image.Width);
        Assert.Equal(Gap + 3 * (56 + Gap), image.Height); // 12 images in rows of 5 → 3 rows
    }

    [Fact]
    public void EveryCellHoldsItsImageScaledUpAndGapsStayWhite()
    {
        const int width = 5, height = 3, scale = 3, columns = 4;
        float[][] images = RandomImages(7, width, height, 2);
        RgbImage grid = ImageGrid.Render(images, width, height, columns, scale);

        var cellPixels = new HashSet<(int, int)>();
        for (int i = 0; i < images.Length; i++)
        {
            int cellX = Gap + i % columns * (width * scale + Gap), cellY = Gap + i / columns * (height * scale + Gap);
            for (int y = 0; y < height * scale; y++)
            for (int x = 0; x < width * scale; x++)
            {
                Color expected = Color.FromIntensity(images[i][y / scale * width + x / scale]);
                Assert.Equal(expected, grid.GetPixel(cellX + x, cellY + y));
                cellPixels.Add((cellX + x, cellY + y));
            }
        }

        // Everything else — gaps and the empty eighth cell — is background.
        Assert.Equal(grid.Width * grid.Height - cellPixels.Count, ImageAssertions.PixelsOf(grid, Color.White).Count(p => !cellPixels.Contains(p)));
    }

    [Fact]
    public void ValuesAreClampedToTheUnitInterval()
    {
        RgbImage grid = ImageGrid.Render([[-1f, 2f, float.NaN, 0.25f]], 4, 1, columns: 1, scale: 1);

        Assert.Equal(
            [Color.Black, Color.White, Color.Black, Color.FromIntensity(0.25f)],
            Enumerable.Range(0, 4).Select(x => grid.GetPixel(Gap + x, Gap)));
    }

    [Fact]
    public void RowLabelsAndTitleAddMeasuredSpace()
    {
        float[][] images = RandomImages(4, 28, 28, 3);
        RgbImage plain = ImageGrid.Render(images, 28, 28, columns: 2);
        RgbImage labelled = ImageGrid.Render(images, 28, 28, columns: 2, rowLabels: ["original", "reconstructed"], title: "Epoch 5");

        // Cells 56 pixels tall get labels 56/3 ≈ 18.7 → 18 pixels tall (the cap) and a title 3 pixels larger.
        int labelWidth = (int)Math.Ceiling(FigureFont.MeasureWidth("reconstructed", 18)) + 2 * Gap;
        int titleHeight = (int)Math.Ceiling(21 * 1.3) + 2 * Gap;
        Assert.Equal(plain.Width + labelWidth, labelled.Width);
        Assert.Equal(plain.Height + titleHeight, labelled.Height);
        Assert.Equal(plain.GetPixel(Gap + 10, Gap + 20), labelled.GetPixel(labelWidth + Gap + 10, titleHeight + Gap + 20));
        Assert.True(ImageAssertions.CountNot(labelled, Color.White) > ImageAssertions.CountNot(plain, Color.White) + 100);
    }

    [Fact]
    public void WrongImageSizeNamesTheImageAndBothCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => ImageGrid.Render([new float[784], new float[100]], 28, 28, columns: 2));

        Assert.Contains("images[1]", error.Message);
        Assert.Contains("784", error.Message);
        Assert.Contains("100", error.Message);
    }

    [Fact]
    public void EmptyListGivesABlankImageAndBadArgumentsThrow()
    {
        RgbImage blank = ImageGrid.Render([], 28, 28, columns: 3, title: "nothing yet");

        Assert.Equal(Gap + 3 * (56 + Gap), blank.Width);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageGrid.Render([], 28, 28, columns: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageGrid.Render([], 28, 28, columns: 1, scale: 0));
    }

    [Fact]
    public void ColourImagesAreDrawnFromTheirThreePlanes()
    {
        // One 2×1 RGB image, planes red, green, blue: a red pixel, then a cyan one.
        float[] image = [1f, 0f, 0f, 1f, 0f, 1f];
        RgbImage grid = ImageGrid.Render([image], 2, 1, columns: 1, scale: 1, channels: 3);
        Assert.Equal(new Color(255, 0, 0), grid.GetPixel(Gap, Gap));
        Assert.Equal(new Color(0, 255, 255), grid.GetPixel(Gap + 1, Gap));
        var error = Assert.Throws<ArgumentException>(() => ImageGrid.Render([new float[2]], 2, 1, columns: 1, channels: 3));
        Assert.Contains("expected 6 values (3x2x1)", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageGrid.Render([new float[8]], 2, 1, columns: 1, channels: 4));
    }
}
