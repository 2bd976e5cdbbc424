namespace Autoencoders.Drawing.Tests;

public class ColorTests
{
    [Fact]
    public void CategoryPaletteHasTenDistinctColorsStartingWithTab10Blue()
    {
        var palette = Enumerable.Range(0, 10).Select(Color.Category).ToList();

        Assert.Equal(10, palette.Distinct().Count());
        Assert.Equal(new Color(31, 119, 180), palette[0]);
        Assert.DoesNotContain(Color.White, palette);
        Assert.DoesNotContain(Color.Black, palette);
    }

    [Fact]
    public void CategoryWrapsAroundForLargeAndNegativeIndices()
    {
        Assert.Equal(Color.Category(3), Color.Category(13));
        Assert.Equal(Color.Category(9), Color.Category(-1));
        Assert.Equal(Color.Category(0), Color.Category(int.MinValue + 8)); // -2147483640 is a multiple of 10
    }

    [Theory]
    [InlineData(0f, 0)]
    [InlineData(1f, 255)]
    [InlineData(0.5f, 128)]
    [InlineData(-3f, 0)]
    [InlineData(7f, 255)]
    [InlineData(float.NaN, 0)]
    public void IntensityIsClampedAndRounded(float intensity, byte expected)
    {
        Assert.Equal(new Color(expected, expected, expected), Color.FromIntensity(intensity));
    }
}
