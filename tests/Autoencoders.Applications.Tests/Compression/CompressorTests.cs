using Autoencoders.Applications.Codecs;
using Autoencoders.Applications.Compression;
using Autoencoders.Data;
using Autoencoders.Data.Tests;

namespace Autoencoders.Applications.Tests.Compression;

/// <summary>Compressing with a codec keeps what decoding needs; stored sizes and 8-bit pixels are as documented.</summary>
public sealed class CompressorTests
{
    private static readonly byte[] Hash = new byte[32];

    /// <summary>40 noisy 3×4 "images" that lie near a 2-D plane, so 2 principal components reconstruct them well.</summary>
    private static Dataset Images()
    {
        var random = new DeterministicRandom(5);
        var features = new float[40 * 12];
        for (int i = 0; i < 40; i++)
        {
            float a = random.NextFloat(), b = random.NextFloat();
            for (int j = 0; j < 12; j++) features[i * 12 + j] = Math.Clamp(0.5f * a + 0.4f * b * (j % 3) / 2f + 0.01f * random.NextGaussian(), 0f, 1f);
        }
        return new Dataset(features, 12, [.. Enumerable.Range(0, 40).Select(i => i % 4)], [3, 4]);
    }

    [Fact]
    public void DecompressingDecodesTheStoredCodes()
    {
        var images = Images();
        var pca = PcaCodec.Fit(images, 2);

        var codes = Compressor.Compress(pca, images, CodePrecision.Float32, Hash);
        var restored = Compressor.Decompress(pca, codes);

        Assert.Equal(pca.Encode(images), codes.Codes);
        Assert.Equal(pca.Reconstruct(images), restored.Features);
        Assert.Equal(images.Labels, restored.Labels);
        Assert.Equal(new[] { 3, 4 }, restored.SampleShape);
    }

    [Fact]
    public void Float16CodesDecodeCloseToTheFloat32Ones()
    {
        var images = Images();
        var pca = PcaCodec.Fit(images, 2);

        float[] exact = Compressor.Decompress(pca, Compressor.Compress(pca, images, CodePrecision.Float32, Hash)).Features;
        var half = Compressor.Compress(pca, images, CodePrecision.Float16, Hash);
        float[] rounded = Compressor.Decompress(pca, half).Features;

        Assert.NotEqual(exact, rounded);
        // A code moves by at most 2⁻¹¹ of itself, and unit-length components move a sample by no more than that.
        double bound = half.Codes.Max(Math.Abs) * Math.Pow(2, -11) * Math.Sqrt(2);
        for (int i = 0; i < exact.Length; i++) Assert.True(Math.Abs(exact[i] - rounded[i]) <= bound + 1e-6, $"value {i}");
    }

    [Fact]
    public void ACodecOfAnotherCodeSizeIsRefused()
    {
        var images = Images();
        var codes = Compressor.Compress(PcaCodec.Fit(images, 2), images, CodePrecision.Float32, Hash);
        var error = Assert.Throws<ArgumentException>(() => Compressor.Decompress(PcaCodec.Fit(images, 3), codes));
        Assert.Contains("decodes codes of 3 values, received codes of 2", error.Message);
    }

    [Fact]
    public void ImagesTakeOneBytePerPixelAndTablesFourPerValue()
    {
        var images = Images();
        Assert.Equal(40 * 12, Compressor.StoredBytes(images));
        Assert.Equal(40 * 12 * 4, Compressor.StoredBytes(new Dataset(images.Features, 12)));
    }

    [Fact]
    public void PixelsAreRoundedAndClamped()
    {
        float[] values = [-0.2f, 0f, 0.5f / 255f, 1.5f / 255f, 0.501f / 255f * 255f, 1f, 1.7f, float.NaN];

        byte[] pixels = Compressor.ToPixels(values);

        Assert.Equal(new byte[] { 0, 0, 0, 2, 128, 255, 255, 0 }, pixels); // 0.5 and 1.5 round to even
    }

    [Fact]
    public void ImagesAsStoredComeBackAsWholeSteps()
    {
        var images = Images();
        var stored = Compressor.AsStored(images);
        for (int i = 0; i < images.Features.Length; i++)
        {
            Assert.True(Math.Abs(stored.Features[i] - images.Features[i]) <= 0.5f / 255f + 1e-7f, $"value {i}");
            Assert.Equal(Math.Round(stored.Features[i] * 255f), stored.Features[i] * 255f, 3);
        }
        var table = new Dataset(images.Features, 12);
        Assert.Same(table, Compressor.AsStored(table));
    }

    [Fact]
    public void TheHashIsTheFilesSha256()
    {
        using var folder = new TemporaryFolder();
        string path = folder.WriteText("abc.txt", "abc");
        Assert.Equal("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", Convert.ToHexString(Compressor.HashFile(path)));
    }
}
