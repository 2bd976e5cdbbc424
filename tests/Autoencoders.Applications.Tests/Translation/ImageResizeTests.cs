using Autoencoders.Applications.Translation;

namespace Autoencoders.Applications.Tests.Translation;

public sealed class ImageResizeTests
{
    [Fact]
    public void AreaDownsamplingAveragesEachBlock()
    {
        float[] plane = [0, 0.2f, 1, 1, 0.4f, 0.2f, 0, 0.5f];
        var low = new float[2];
        ImageResize.AreaDownsample(plane, 2, 4, 2, low);
        Assert.Equal(0.2f, low[0], 1e-6f);
        Assert.Equal(0.625f, low[1], 1e-6f);
        Assert.Throws<ArgumentException>(() => ImageResize.AreaDownsample(plane, 2, 4, 3, low));
    }

    [Theory]
    [InlineData(Interpolation.Nearest)]
    [InlineData(Interpolation.Bilinear)]
    [InlineData(Interpolation.Bicubic)]
    public void AConstantImageStaysConstant(Interpolation method)
    {
        var low = Enumerable.Repeat(0.3f, 12).ToArray();
        var high = new float[48];
        ImageResize.Upsample(low, 3, 4, 2, method, high);
        Assert.All(high, v => Assert.Equal(0.3f, v, 1e-6f));
    }

    [Fact]
    public void NearestRepeatsEachPixel()
    {
        float[] low = [0.1f, 0.9f];
        var high = new float[8]; // 1 × 2 → 2 × 4
        ImageResize.Upsample(low, 1, 2, 2, Interpolation.Nearest, high);
        Assert.Equal([0.1f, 0.1f, 0.9f, 0.9f, 0.1f, 0.1f, 0.9f, 0.9f], high);
    }

    [Fact]
    public void BilinearPutsPixelCentresWherePilAndTorchDo()
    {
        // A ramp 0, 0.4, 0.8 upsampled ×2 with align_corners=False: sources at −0.25, 0.25, 0.75, 1.25, 1.75, 2.25,
        // clamped at the edges: 0, 0.1, 0.3, 0.5, 0.7, 0.8.
        float[] low = [0, 0.4f, 0.8f];
        var high = new float[2 * 6]; // 1 × 3 → 2 × 6: both rows alike
        ImageResize.Upsample(low, 1, 3, 2, Interpolation.Bilinear, high);
        Assert.Equal(high[..6], high[6..]);
        float[] expected = [0, 0.1f, 0.3f, 0.5f, 0.7f, 0.8f];
        for (int i = 0; i < 6; i++) Assert.Equal(expected[i], high[i], 1e-6f);
    }

    [Fact]
    public void BicubicReproducesALinearRampInsideAndOvershootsAnEdge()
    {
        // Keys' kernel reproduces polynomials up to degree 2 away from the border.
        float[] low = [.. Enumerable.Range(0, 8).Select(i => 0.1f * i)];
        var high = new float[2 * 16];
        ImageResize.Upsample(low, 1, 8, 2, Interpolation.Bicubic, high);
        for (int o = 4; o < 12; o++) Assert.Equal(0.1f * ((o + 0.5f) / 2 - 0.5f), high[o], 1e-5f);
        // A step: the cubic rings past it (then clamped to [0, 1]), where bilinear stays monotone.
        float[] step = [0.2f, 0.2f, 0.2f, 0.8f, 0.8f, 0.8f];
        var cubic = new float[2 * 12];
        ImageResize.Upsample(step, 1, 6, 2, Interpolation.Bicubic, cubic);
        Assert.True(cubic.Min() < 0.2f - 1e-3f && cubic.Max() > 0.8f + 1e-3f, string.Join(" ", cubic));
    }
}
