using Autoencoders.Applications.Metrics;
using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;

namespace Autoencoders.Cli.Output;

/// <summary>
/// The figures that tell the family's kinds apart, on the test split: how active the code is (sparse models),
/// how much a denoising model cleans (PSNR of the noisy input and of its reconstruction against the clean image),
/// and a VAE's negative ELBO split into reconstruction and KL.
/// </summary>
internal static class FamilyMetrics
{
    /// <summary>The noisy test inputs are drawn from this fixed stream, so the PSNR figures of two runs compare.</summary>
    public const ulong NoiseSeed = 20_061_218;

    public static Dictionary<string, object?> Measure(Autoencoder model, Dataset test, Evaluation evaluation)
    {
        var metrics = new Dictionary<string, object?>
        {
            ["reconstruction"] = evaluation.Reconstruction,
            ["mean_code_activation"] = MeanAbsolute(model.Encode(test)),
        };
        if (model.IsVariational)
            metrics["kl"] = evaluation.Added; // test_loss = reconstruction + kl: the negative ELBO in nats per sample
        else if (evaluation.Added != 0)
            metrics["penalty"] = evaluation.Added;
        if (model.Encoder[0] is NoiseLayer noise)
        {
            var (noisy, denoised) = PeakSignalToNoise(model, noise, test);
            metrics["psnr_noisy"] = noisy;
            metrics["psnr_denoised"] = denoised;
        }
        return metrics;
    }

    /// <summary>PSNR (dB, peak 1) of the corrupted test inputs and of the model's output for them, both against the clean inputs.</summary>
    public static (double Noisy, double Denoised) PeakSignalToNoise(Autoencoder model, NoiseLayer noise, Dataset clean)
    {
        Dataset noisy = Corrupted(noise, clean);
        float[] denoised = model.Reconstruct(noisy);
        return (Distortion.PeakSignalToNoise(noisy.Features, clean.Features), Distortion.PeakSignalToNoise(denoised, clean.Features));
    }

    public static Dataset Corrupted(NoiseLayer noise, Dataset clean) => Corrupted(noise, clean, NoiseSeed);

    /// <summary>A corrupted copy of <paramref name="clean"/>, its noise drawn from the stream <paramref name="seed"/>.</summary>
    public static Dataset Corrupted(NoiseLayer noise, Dataset clean, ulong seed)
    {
        var values = new float[clean.Features.Length];
        noise.Corrupt(clean.Features, values, new DeterministicRandom(seed));
        return new Dataset(values, clean.FeatureCount, clean.Labels, clean.SampleShape, clean.ClassNames);
    }

    private static double MeanAbsolute(float[] values) =>
        values.Length == 0 ? 0 : values.Sum(v => (double)Math.Abs(v)) / values.Length;
}
