using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary><c>ae denoise</c> corrupts the test split, denoises it with a model and reports PSNR before and after.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class DenoiseCommandTests(TrainedModels trained)
{
    private const ulong DefaultSeed = 20_061_218; // FamilyMetrics.NoiseSeed, the stream ae train's psnr metrics use

    private static JsonObject Json(string path) => (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;

    private static double Psnr(float[] estimate, float[] reference) =>
        10 * Math.Log10(1 / estimate.Zip(reference, (x, y) => (double)(x - y) * (x - y)).Average());

    private AeResult Denoise(string model, params string[] extra) =>
        Ae.Run(["denoise", "--model", model, "--data", trained.DataFolder, "--threads", "1", .. extra]);

    [Fact]
    public void MaskingNoiseOnAPlainAutoencoder()
    {
        string folder = trained.NewFolder(), grid = Path.Combine(folder, "grid.png"), summary = Path.Combine(folder, "summary.json");

        var result = Denoise(trained.DenseModel, "--kind", "masking", "--noise", "0.5", "--out", grid, "--summary", summary);

        Assert.True(result.ExitCode == 0, result.ToString());
        FileAssert.IsPng(grid);
        FileAssert.NoTemporaryFiles(folder);
        var figures = Json(summary);
        double noisy = (double)figures["psnr_noisy"]!, denoised = (double)figures["psnr_denoised"]!;
        Assert.Equal(("dense", "masking", 0.5, (long)TinyImageFolder.TestCount),
            ((string)figures["model"]!, (string)figures["kind"]!, (double)figures["noise"]!, (long)figures["samples"]!));
        Assert.Contains($"PSNR noisy {noisy:F2} dB → denoised {denoised:F2} dB", result.Output);

        // Masking half the values zeroes them: E[(x̃ − x)²] = 0.5 · mean(x²), whatever the stream.
        var clean = DatasetCatalog.Load(trained.DataFolder).Test!;
        double expectedNoisy = 10 * Math.Log10(1 / (0.5 * clean.Features.Average(x => (double)x * x)));
        Assert.Equal(expectedNoisy, noisy, 0.15);

        // The denoised figure is the model's output for exactly those noisy inputs.
        var masked = new float[clean.Features.Length];
        new MaskingNoise(0.5f).Corrupt(clean.Features, masked, new DeterministicRandom(DefaultSeed));
        var model = (Autoencoder)ModelFile.Load(trained.DenseModel).Model;
        Assert.Equal(Psnr(masked, clean.Features), noisy, 9);
        Assert.Equal(Psnr(model.Reconstruct(new Dataset(masked, clean.FeatureCount)), clean.Features), denoised, 6);
    }

    [Fact]
    public void ADenoisingModelReproducesItsTrainingMetricsAndImproves()
    {
        string folder = trained.NewFolder(), run = Path.Combine(folder, "run");
        var training = Ae.Run("train", "--data", trained.DataFolder, "--model", "dense", "--noise", "0.3", "--epochs", "8", "--batch", "16", "--seed", "1", "--threads", "1", "--out", run);
        Assert.True(training.ExitCode == 0, training.ToString());
        string summary = Path.Combine(folder, "summary.json");

        var result = Denoise(Path.Combine(run, "model.safetensors"), "--noise", "0.3", "--out", Path.Combine(folder, "grid.png"), "--summary", summary);

        Assert.True(result.ExitCode == 0, result.ToString());
        var metrics = Json(Path.Combine(run, "metrics.json"));
        var figures = Json(summary);
        Assert.Equal((double)metrics["psnr_noisy"]!, (double)figures["psnr_noisy"]!, 9);
        Assert.Equal((double)metrics["psnr_denoised"]!, (double)figures["psnr_denoised"]!, 9);
        // Eight epochs on the tiny set already clean more than they blur (about +2.6 dB here).
        Assert.True((double)figures["psnr_denoised"]! > (double)figures["psnr_noisy"]! + 1, File.ReadAllText(summary));
    }

    [Fact]
    public void TheSeedDrawsOtherNoiseOfTheSameStrength()
    {
        string folder = trained.NewFolder();
        string first = Path.Combine(folder, "a.json"), second = Path.Combine(folder, "b.json");

        Assert.Equal(0, Denoise(trained.DeepModel, "--kind", "salt-pepper", "--noise", "0.2", "--out", Path.Combine(folder, "a.png"), "--summary", first).ExitCode);
        Assert.Equal(0, Denoise(trained.DeepModel, "--kind", "salt-pepper", "--noise", "0.2", "--seed", "7", "--out", Path.Combine(folder, "b.png"), "--summary", second).ExitCode);

        double a = (double)Json(first)["psnr_noisy"]!, b = (double)Json(second)["psnr_noisy"]!;
        Assert.NotEqual(a, b);
        Assert.Equal(a, b, 0.2);
        // Salt and pepper hit a fraction 0.2, half set to 0 and half to 1: E[(x̃ − x)²] = 0.1 · mean(x² + (1 − x)²).
        float[] clean = DatasetCatalog.Load(trained.DataFolder).Test!.Features;
        double expected = 10 * Math.Log10(1 / (0.1 * clean.Average(x => (double)x * x + (1.0 - x) * (1.0 - x))));
        Assert.Equal(expected, b, 0.15);
        Assert.Equal(7, (int)Json(second)["seed"]!);
    }

    [Fact]
    public void CountSetsTheColumnsOfTheThreeRows()
    {
        string folder = trained.NewFolder(), four = Path.Combine(folder, "four.png"), eight = Path.Combine(folder, "eight.png");

        Assert.Equal(0, Denoise(trained.DenseModel, "--noise", "0.4", "--count", "4", "--out", four).ExitCode);
        Assert.Equal(0, Denoise(trained.DenseModel, "--noise", "0.4", "--count", "8", "--out", eight).ExitCode);

        static int Width(string png) => BinaryPrimitives.ReadInt32BigEndian(File.ReadAllBytes(png).AsSpan(16));
        Assert.Equal(4 * (28 * 3 + 4), Width(eight) - Width(four));
    }

    [Theory]
    [InlineData("--kind", "blur", "'blur'")]
    [InlineData("--noise", "1.5", "--noise must be a fraction in [0, 1) for --kind masking, received 1.5", "masking")]
    [InlineData("--noise", "-0.1", "--noise must be a non-negative standard deviation for --kind gaussian, received -0.1")]
    [InlineData("--noise", "much", "'much'")]
    [InlineData("--seed", "-3", "'-3'")]
    [InlineData("--count", "0", "--count must be a positive integer, received 0")]
    public void BadOptions(string option, string value, string expected, string kind = "gaussian")
    {
        string folder = trained.NewFolder();
        var args = new List<string> { option, value };
        if (option != "--noise") args.AddRange(["--noise", "0.5"]);
        if (option != "--kind") args.AddRange(["--kind", kind]);

        var result = Denoise(trained.DenseModel, [.. args, "--out", Path.Combine(folder, "g.png"), "--summary", Path.Combine(folder, "s.json")]);

        FileAssert.IsBadInput(result, expected);
        FileAssert.NothingIn(folder);
    }

    [Fact]
    public void NoiseIsRequired()
    {
        string folder = trained.NewFolder();
        FileAssert.IsBadInput(Denoise(trained.DenseModel, "--out", Path.Combine(folder, "g.png")), "--noise");
        FileAssert.NothingIn(folder);
    }
}
