using Autoencoders.Data;
using Autoencoders.Data.Images;
using Autoencoders.Nn.Baselines;

namespace Autoencoders.Applications.Translation;

/// <summary>
/// What a user would do without a network, run on the same corrupted test images as the model: the corrupted input
/// itself; for super-resolution nearest (the input), bilinear and bicubic upsampling of the small image; for inpainting
/// mean fill, nearest-neighbour fill and PCA projection fitted on clean training images; for deblurring a Gaussian
/// unsharp mask, for denoising a Gaussian filter. A baseline's one setting (PCA's component count, the unsharp amount,
/// the filter's σ) is chosen on training images held out from its fit, never on the test images.
/// </summary>
public static class TranslationBaselines
{
    private const int TuningImages = 300, MostPcaImages = 10_000;

    /// <summary>Each baseline's name (with its chosen setting, e.g. "pca-32") and outputs for <paramref name="inputs"/>.</summary>
    public static IReadOnlyList<(string Name, float[] Outputs)> Compute(ImageCorruption corruption, Dataset trainClean, ImageLayout layout,
        float[] inputs, bool[]? hidden, int seed)
    {
        var results = new List<(string, float[])>();
        if (corruption is not Downsampling) results.Add(("input", inputs));
        switch (corruption)
        {
            case Downsampling down:
                foreach (var method in new[] { Interpolation.Nearest, Interpolation.Bilinear, Interpolation.Bicubic })
                    results.Add((method.ToString().ToLowerInvariant(), Upsampled(down, inputs, layout, method)));
                break;
            case Inpainting:
                results.Add(("mean-fill", InpaintingBaselines.MeanFill(inputs, hidden!, MeanImage(trainClean))));
                results.Add(("nearest-fill", InpaintingBaselines.NearestFill(inputs, hidden!, layout)));
                var pca = TunedPca(corruption, trainClean, layout, seed);
                results.Add(($"pca-{pca.Components}", pca.Fill(inputs, hidden!)));
                break;
            case Blurring blur:
                double amount = Tuned([0.5, 1, 2, 3, 5], a => (x => Sharpened(x, layout, blur.Sigma, a)), corruption, trainClean, layout, seed);
                results.Add(("unsharp", Sharpened(inputs, layout, blur.Sigma, amount)));
                break;
            case AddedNoise:
                double sigma = Tuned([0.5, 0.75, 1, 1.5, 2], s => (x => Smoothed(x, layout, s)), corruption, trainClean, layout, seed);
                results.Add(("gaussian-filter", Smoothed(inputs, layout, sigma)));
                break;
        }
        return results;
    }

    private static float[] Upsampled(Downsampling down, float[] inputs, ImageLayout layout, Interpolation method)
    {
        int n = layout.ValueCount, f = down.Factor, lowPlane = layout.PlaneSize / (f * f);
        var outputs = new float[inputs.Length];
        var low = new float[layout.Channels * lowPlane];
        var upsampler = new ImageUpsampler(layout.Height / f, layout.Width / f, f, method);
        var scratch = new float[upsampler.ScratchLength];
        for (int image = 0; image < inputs.Length / n; image++)
        {
            down.LowResolution(inputs.AsSpan(image * n, n), layout, low);
            for (int c = 0; c < layout.Channels; c++)
                upsampler.Upsample(low.AsSpan(c * lowPlane, lowPlane), outputs.AsSpan(image * n + c * layout.PlaneSize, layout.PlaneSize), scratch);
        }
        return outputs;
    }

    private static float[] MeanImage(Dataset clean)
    {
        var mean = new double[clean.FeatureCount];
        for (int row = 0; row < clean.Count; row++)
        {
            var x = clean.Row(row);
            for (int i = 0; i < mean.Length; i++) mean[i] += x[i];
        }
        return [.. mean.Select(m => (float)(m / clean.Count))];
    }

    /// <summary>PCA fitted on the training images but the last few hundred, with the component count that fills those best.</summary>
    private static PcaInpainting TunedPca(ImageCorruption corruption, Dataset trainClean, ImageLayout layout, int seed)
    {
        int held = Math.Min(TuningImages, trainClean.Count / 5), fitCount = Math.Min(MostPcaImages, trainClean.Count - held);
        int n = layout.ValueCount;
        int[] counts = [.. new[] { 8, 16, 32, 64 }.Where(k => k < Math.Min(n, fitCount))];
        if (counts.Length == 0) counts = [1];
        var pca = PrincipalComponents.Fit(trainClean.Features.AsSpan(0, fitCount * n), n, counts[^1]);
        var (tuneClean, tuneInputs, tuneHidden) = HeldOut(corruption, trainClean, layout, held, seed);
        PcaInpainting best = new(pca.Truncate(counts[0]));
        double bestScore = double.NegativeInfinity;
        foreach (int k in counts)
        {
            var candidate = new PcaInpainting(pca.Truncate(k));
            double score = ImageQuality.MeanPsnr(tuneClean, candidate.Fill(tuneInputs, tuneHidden!), n);
            if (score > bestScore) (best, bestScore) = (candidate, score);
        }
        return best;
    }

    /// <summary>Of <paramref name="settings"/>, the one whose method gives the best mean PSNR on held-out training images.</summary>
    private static double Tuned(double[] settings, Func<double, Func<float[], float[]>> method, ImageCorruption corruption, Dataset trainClean, ImageLayout layout, int seed)
    {
        var (clean, inputs, _) = HeldOut(corruption, trainClean, layout, Math.Min(TuningImages, trainClean.Count), seed);
        return settings.MaxBy(s => ImageQuality.MeanPsnr(clean, method(s)(inputs), layout.ValueCount));
    }

    /// <summary>The last <paramref name="count"/> training images, clean and corrupted.</summary>
    private static (float[] Clean, float[] Inputs, bool[]? Hidden) HeldOut(ImageCorruption corruption, Dataset trainClean, ImageLayout layout, int count, int seed)
    {
        int n = layout.ValueCount;
        var clean = trainClean.Features.AsSpan((trainClean.Count - count) * n, count * n).ToArray();
        var (inputs, hidden) = new CorruptedImages(new Dataset(clean, n), layout, corruption, seed ^ 0x5EED).Materialize();
        return (clean, inputs, hidden);
    }

    /// <summary>The unsharp mask x + amount · (x − G_σ x), clamped to [0, 1].</summary>
    private static float[] Sharpened(float[] inputs, ImageLayout layout, double sigma, double amount)
    {
        var blurred = Smoothed(inputs, layout, sigma);
        var outputs = new float[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) outputs[i] = Math.Clamp((float)(inputs[i] + amount * (inputs[i] - blurred[i])), 0f, 1f);
        return outputs;
    }

    private static float[] Smoothed(float[] inputs, ImageLayout layout, double sigma)
    {
        var filter = SeparableFilter.Gaussian(sigma);
        var outputs = new float[inputs.Length];
        var scratch = new float[layout.PlaneSize];
        for (int offset = 0; offset < inputs.Length; offset += layout.PlaneSize)
            filter.Apply(inputs.AsSpan(offset, layout.PlaneSize), outputs.AsSpan(offset, layout.PlaneSize), layout.Height, layout.Width, scratch);
        return outputs;
    }
}
