namespace Autoencoders.Drawing.Tests;

public class TextFitTests
{
    [Theory]
    [InlineData("loss", 3, 100, "loss", 3)]        // 69 px at scale 3 fits
    [InlineData("loss", 3, 50, "loss", 2)]         // 46 px at scale 2 is the largest that fits
    [InlineData("reconstruction", 2, 47, "recons..", 1)] // 8 characters · 6 − 1 = 47 px
    [InlineData("abc", 1, 3, "", 1)]
    public void PrefersSmallerTextOverCuttingIt(string text, int preferredScale, int maxWidth, string expectedText, int expectedScale)
    {
        (string fitted, int scale) = TextFit.Fit(text, preferredScale, maxWidth);

        Assert.Equal((expectedText, expectedScale), (fitted, scale));
        Assert.True(BitmapFont.Measure(fitted, scale).Width <= maxWidth);
    }
}
