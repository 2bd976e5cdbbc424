using System.Text.Json;
using Autoencoders.Applications.Translation;
using Autoencoders.Data.Images;

namespace Autoencoders.Applications.Tests.Translation;

/// <summary>SSIM, PSNR and the Gaussian filter agree with scikit-image and scipy on golden images
/// (tools/golden/make_ssim_golden.py); the hand-checkable cases pin the rest.</summary>
public sealed class ImageQualityTests
{
    public static TheoryData<string> GoldenCases() => new(Golden().Select(c => c.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void SsimMatchesScikitImageWithBothWindows(string name)
    {
        var (layout, reference, image, golden) = Case(name);
        Assert.Equal(golden.GetProperty("ssim_gaussian").GetDouble(), ImageQuality.Ssim(reference, image, layout, SsimWindow.Gaussian), 1e-4);
        Assert.Equal(golden.GetProperty("ssim_uniform7").GetDouble(), ImageQuality.Ssim(reference, image, layout, SsimWindow.Uniform7), 1e-4);
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void PsnrMatchesScikitImage(string name)
    {
        var (_, reference, image, golden) = Case(name);
        Assert.Equal(golden.GetProperty("psnr").GetDouble(), ImageQuality.Psnr(reference, image), 1e-3);
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void TheGaussianFilterMatchesScipyWithReflectedEdges(string name)
    {
        var (layout, reference, _, golden) = Case(name);
        float[] expected = Floats(golden, "blurred"), blurred = new float[layout.PlaneSize], scratch = new float[layout.PlaneSize];
        SeparableFilter.Gaussian(1.0).Apply(reference.AsSpan(0, layout.PlaneSize), blurred, layout.Height, layout.Width, scratch);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], blurred[i], 1e-5f);
    }

    [Fact]
    public void AnImageIsPerfectlySimilarToItself()
    {
        var (layout, reference, _, _) = Case("rgb_16_shifted");
        Assert.Equal(1.0, ImageQuality.Ssim(reference, reference, layout), 1e-9);
        Assert.Equal(double.PositiveInfinity, ImageQuality.Psnr(reference, reference));
        Assert.Equal(100, ImageQuality.MeanPsnr(reference, reference, layout.ValueCount));
    }

    [Fact]
    public void PsnrOverARegionCountsOnlyItsPixels()
    {
        float[] reference = [0, 0, 0, 0], image = [0.1f, 0.1f, 0.5f, 0.5f];
        bool[] left = [true, true, false, false];
        Assert.Equal(20, ImageQuality.Psnr(reference, image, left), 1e-5); // MSE 0.01
        Assert.Equal(10 * Math.Log10(1 / 0.13), ImageQuality.Psnr(reference, image), 1e-5);
        Assert.Throws<ArgumentException>(() => ImageQuality.Psnr(reference, image, new bool[4]));
    }

    [Fact]
    public void MeanPsnrIsTheMeanOfEachImagesPsnr()
    {
        // Two images of 2 values: errors 0.1 (20 dB) and 0.01 (40 dB): the mean is 30, not the PSNR of the pooled MSE.
        float[] references = [0, 0, 0, 0], images = [0.1f, 0.1f, 0.01f, 0.01f];
        Assert.Equal(30, ImageQuality.MeanPsnr(references, images, 2), 1e-4);
    }

    [Fact]
    public void AWindowLargerThanTheImageIsRefused()
    {
        var layout = new ImageLayout(1, 6, 6);
        var error = Assert.Throws<ArgumentException>(() => ImageQuality.Ssim(new float[36], new float[36], layout, SsimWindow.Uniform7));
        Assert.Contains("7×7", error.Message);
    }

    private static (ImageLayout Layout, float[] Reference, float[] Image, JsonElement Golden) Case(string name)
    {
        JsonElement golden = Golden().Single(c => c.GetProperty("name").GetString() == name);
        int[] shape = [.. golden.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32())];
        return (new ImageLayout(shape[0], shape[1], shape[2]), Floats(golden, "reference"), Floats(golden, "image"), golden);
    }

    private static float[] Floats(JsonElement element, string property) => [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetSingle())];

    private static JsonElement[] Golden()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Translation", "ssim_golden.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone())];
    }
}
