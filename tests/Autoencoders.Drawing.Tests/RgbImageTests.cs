namespace Autoencoders.Drawing.Tests;

public class RgbImageTests
{
    [Fact]
    public void SetPixelThenGetPixelReturnsTheColorAndStoresRgbBytes()
    {
        var image = new RgbImage(4, 3);
        image.SetPixel(2, 1, new Color(10, 20, 30));

        Assert.Equal(new Color(10, 20, 30), image.GetPixel(2, 1));
        int offset = (1 * 4 + 2) * 3;
        Assert.Equal(new byte[] { 10, 20, 30 }, image.Pixels[offset..(offset + 3)]);
        Assert.Equal(Color.Black, image.GetPixel(0, 0));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    [InlineData(4, 0)]
    [InlineData(0, 3)]
    [InlineData(int.MinValue, int.MaxValue)]
    public void WritesOutsideAreIgnoredAndReadsOutsideThrow(int x, int y)
    {
        var image = new RgbImage(4, 3);
        image.SetPixel(x, y, Color.White);

        Assert.All(image.Pixels, value => Assert.Equal(0, value));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => image.GetPixel(x, y));
        Assert.Contains("4x3", error.Message);
    }

    [Fact]
    public void FillPaintsEveryPixelWithNonGrayColor()
    {
        var image = new RgbImage(7, 5);
        image.Fill(new Color(1, 2, 3));

        Assert.Equal(35, ImageAssertions.PixelsOf(image, new Color(1, 2, 3)).Count());
    }

    [Fact]
    public void FillRowIsClippedToTheImage()
    {
        var image = new RgbImage(5, 2);
        image.FillRow(-3, 1, 5, Color.White);   // covers x = -3..1, of which 0 and 1 are inside
        image.FillRow(4, 0, int.MaxValue, Color.White);
        image.FillRow(0, 7, 5, Color.White);

        Assert.Equal([(4, 0), (0, 1), (1, 1)], ImageAssertions.PixelsOf(image, Color.White));
    }

    [Fact]
    public void ConstructorsValidateSizeAndPixelLength()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbImage(0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbImage(100_000, 100_000));
        var error = Assert.Throws<ArgumentException>(() => new RgbImage(2, 2, new byte[11]));
        Assert.Contains("12", error.Message);
    }
}
