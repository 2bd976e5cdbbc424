using Autoencoders.Applications.Translation;
using Autoencoders.Data;
using Autoencoders.Data.Images;
using Autoencoders.Nn.Baselines;

namespace Autoencoders.Applications.Tests.Translation;

public sealed class TranslationBaselinesTests
{
    private static readonly ImageLayout Layout = new(1, 8, 8);

    /// <summary>Images that are exactly mean + 3 components: PCA sees the whole family.</summary>
    private static Dataset LowRank(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var features = new float[count * 64];
        for (int i = 0; i < count; i++)
        {
            float a = random.NextFloat(), b = random.NextFloat(), c = random.NextFloat();
            for (int p = 0; p < 64; p++)
            {
                int y = p / 8, x = p % 8;
                features[i * 64 + p] = 0.2f + 0.3f * a * x / 7 + 0.3f * b * y / 7 + 0.2f * c * ((x + y) % 2);
            }
        }
        return new Dataset(features, 64);
    }

    [Fact]
    public void PcaProjectionRestoresHiddenPixelsOfLowRankImages()
    {
        var train = LowRank(200, 1);
        var test = LowRank(10, 2);
        var (inputs, hidden) = new CorruptedImages(test, Layout, new Inpainting(MaskPlacement.Random, 3), 1).Materialize();
        var filled = new PcaInpainting(PrincipalComponents.Fit(train.Features, 64, 3)).Fill(inputs, hidden!);
        for (int i = 0; i < filled.Length; i++) Assert.Equal(test.Features[i], filled[i], 2e-3f);
    }

    [Fact]
    public void MeanAndNearestFillChangeOnlyHiddenPixels()
    {
        float[] inputs = [0.5f, 0, 0, 0.9f];
        bool[] hidden = [false, true, true, false];
        Assert.Equal([0.5f, 0.2f, 0.3f, 0.9f], InpaintingBaselines.MeanFill(inputs, hidden, [0.1f, 0.2f, 0.3f, 0.4f]));
        // 2 × 2: pixel 1 (top right) is next to 0 and 3 (both at distance 1): the first in row-major order wins.
        Assert.Equal([0.5f, 0.5f, 0.5f, 0.9f], InpaintingBaselines.NearestFill(inputs, hidden, new ImageLayout(1, 2, 2)));
    }

    [Fact]
    public void EveryTaskHasItsBaselinesAndTheyBeatOrMatchTheInput()
    {
        var train = LowRank(200, 3);
        var test = LowRank(20, 4);
        foreach (ImageCorruption corruption in new ImageCorruption[] { new Inpainting(MaskPlacement.Centre, 3), new Downsampling(2), new Blurring(1.0), new AddedNoise("gaussian", 0.1f), new AddedNoise("salt-pepper", 0.1f) })
        {
            var (inputs, hidden) = new CorruptedImages(test, Layout, corruption, 1).Materialize();
            var results = TranslationBaselines.Compute(corruption, train, Layout, inputs, hidden, 1);
            double Psnr(float[] outputs) => ImageQuality.MeanPsnr(test.Features, outputs, 64);
            string[] names = [.. results.Select(r => r.Name)];
            string[] expected = corruption switch
            {
                Inpainting => ["input", "mean-fill", "nearest-fill", "pca-"],
                Downsampling => ["nearest", "bilinear", "bicubic"],
                Blurring => ["input", "unsharp"],
                _ => ["input", "gaussian-filter"],
            };
            Assert.Equal(expected.Length, names.Length);
            for (int i = 0; i < expected.Length; i++) Assert.StartsWith(expected[i], names[i]);
            double worst = Psnr(inputs);
            Assert.All(results.Skip(1), r => Assert.True(Psnr(r.Outputs) >= worst - 0.5, $"{corruption.Task}: {r.Name} {Psnr(r.Outputs):F2} dB against the input's {worst:F2}"));
        }
    }
}
