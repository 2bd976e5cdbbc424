using System.CommandLine;
using System.Text.Json;
using Autoencoders.Applications.Metrics;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Drawing;
using Autoencoders.Nn.Layers;

namespace Autoencoders.Cli.Commands;

/// <summary><c>ae denoise</c>: corrupts the test samples, runs the model on them, and reports PSNR = 10 log₁₀(1 / MSE) dB
/// of the noisy and of the denoised samples against the clean ones; draws noisy / denoised / clean as a PNG grid.</summary>
/// <remarks>Any autoencoder can be asked; one trained as a denoising autoencoder (<c>ae train --noise F</c>) does better.
/// With the default seed, the kind and the factor it was trained with, the figures are those of its metrics.json.</remarks>
internal static class DenoiseCommand
{
    private static readonly string[] Kinds = ["gaussian", "salt-pepper", "masking"];

    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "a model file written by ae train (a denoising one does best)", Required = true, HelpName = "MODEL" };
        var data = CommonOptions.Data();
        var noise = new Option<float>("--noise")
        {
            Description = "noise level: the standard deviation for gaussian (added, then clipped to [0, 1]); the fraction of values hit for salt-pepper and masking",
            Required = true,
            HelpName = "F",
        };
        var kind = new Option<string>("--kind")
        {
            Description = "gaussian: x + F·N(0, 1), clipped to [0, 1]; salt-pepper: a fraction F set to 0 or 1; masking: a fraction F set to 0",
            DefaultValueFactory = _ => "gaussian",
            HelpName = "KIND",
        };
        kind.AcceptOnlyFromAmong(Kinds);
        var count = new Option<int>("--count") { Description = "test samples to draw (the PSNR covers the whole test split)", DefaultValueFactory = _ => 10, HelpName = "N" };
        var seed = new Option<ulong?>("--seed") { Description = $"seed of the noise (default {FamilyMetrics.NoiseSeed}, the one ae train's psnr metrics use)", HelpName = "N" };
        var outFile = new Option<string>("--out") { Description = "the PNG to write: rows noisy, denoised, clean", Required = true, HelpName = "grid.png" };
        var summary = new Option<string?>("--summary") { Description = "also write the figures as JSON: psnr_noisy, psnr_denoised (dB), and the settings", HelpName = "FILE.json" };
        var threads = CommonOptions.Threads();
        var command = new Command("denoise", "Corrupt test samples, denoise them with a model, and report PSNR before and after")
        {
            model, data, noise, kind, count, seed, outFile, summary, threads,
        };
        command.SetAction(parsed =>
        {
            string outPath = parsed.GetValue(outFile)!, kindName = parsed.GetValue(kind)!;
            string? summaryPath = parsed.GetValue(summary);
            CommonOptions.RequireWritableFolderFor(outPath);
            if (summaryPath is not null) CommonOptions.RequireWritableFolderFor(summaryPath);
            float level = parsed.GetValue(noise);
            NoiseLayer layer = NoiseOf(kindName, level);
            int shown = CommonOptions.Positive(parsed.GetValue(count), "--count");
            ulong noiseSeed = parsed.GetValue(seed) ?? FamilyMetrics.NoiseSeed;
            var applied = AppliedModel.Load(parsed.GetValue(model)!, parsed.GetValue(data)!, parsed.GetValue(threads));
            Dataset clean = applied.Samples;

            Dataset noisy = FamilyMetrics.Corrupted(layer, clean, noiseSeed);
            float[] denoised = applied.Model.Reconstruct(noisy);
            double psnrNoisy = Distortion.PeakSignalToNoise(noisy.Features, clean.Features);
            double psnrDenoised = Distortion.PeakSignalToNoise(denoised, clean.Features);

            RgbImage grid = Grid(applied.Model.Name, $"{kindName} {level:G4}", noisy, denoised, clean, Math.Min(shown, clean.Count));
            PngFile.Save(outPath, grid);
            output.WriteLine($"{applied.Model.Name} on {clean.Count:N0} {applied.SamplesName} of {applied.DataDescription}, {kindName} noise {level:G4} (seed {noiseSeed}):");
            output.WriteLine($"PSNR noisy {psnrNoisy:F2} dB → denoised {psnrDenoised:F2} dB ({psnrDenoised - psnrNoisy:+0.00;-0.00} dB)");
            output.WriteLine($"wrote {outPath} ({grid.Width}×{grid.Height})");
            if (summaryPath is not null)
            {
                var figures = new Dictionary<string, object>
                {
                    ["model"] = applied.Model.Name,
                    ["kind"] = kindName,
                    ["noise"] = level,
                    ["seed"] = noiseSeed,
                    ["samples"] = clean.Count,
                    ["psnr_noisy"] = psnrNoisy,
                    ["psnr_denoised"] = psnrDenoised,
                };
                AtomicFile.WriteAllBytes(summaryPath, JsonSerializer.SerializeToUtf8Bytes(figures, new JsonSerializerOptions { WriteIndented = true }));
                output.WriteLine($"wrote {summaryPath}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The corruption <c>--kind</c> names, as the noise layers that training uses define it.</summary>
    private static NoiseLayer NoiseOf(string kind, float level)
    {
        if (kind == "gaussian")
        {
            if (!(level >= 0 && float.IsFinite(level)))
                throw new UsageException($"--noise must be a non-negative standard deviation for --kind gaussian, received {level}");
            return new GaussianNoise(level, 0f, 1f);
        }
        if (!(level >= 0 && level < 1))
            throw new UsageException($"--noise must be a fraction in [0, 1) for --kind {kind}, received {level}");
        return kind == "masking" ? new MaskingNoise(level) : new SaltAndPepperNoise(level);
    }

    private static RgbImage Grid(string modelName, string noise, Dataset noisy, float[] denoised, Dataset clean, int shown)
    {
        var (width, height) = Figures.ImageSize(clean);
        int size = clean.FeatureCount;
        var images = new List<float[]>();
        for (int i = 0; i < shown; i++) images.Add(noisy.Row(i).ToArray());
        for (int i = 0; i < shown; i++) images.Add(denoised.AsSpan(i * size, size).ToArray());
        for (int i = 0; i < shown; i++) images.Add(clean.Row(i).ToArray());
        return ImageGrid.Render(images, width, height, columns: shown, scale: height == 1 ? 4 : 3,
            rowLabels: ["noisy", "denoised", "clean"], title: $"{modelName}: {noise} noise, denoised");
    }
}
