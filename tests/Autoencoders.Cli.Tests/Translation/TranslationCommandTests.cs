using System.Text.Json;
using Autoencoders.Data.Images;
using Autoencoders.Data.Tests;

namespace Autoencoders.Cli.Tests.Translation;

/// <summary><c>ae train --task / --targets</c> and <c>ae translate</c> end to end on small generated images.</summary>
public sealed class TranslationCommandTests
{
    [Fact]
    public void APairedRgbFolderRunTrainsTranslatesAndWritesPngs()
    {
        using var temp = new TemporaryFolder();
        var (a, b) = PairedPngFolders.Write(temp.Path);
        string run = temp.File("run");

        var trained = Ae.Run("train", "--data", a, "--targets", b, "--model", "unet", "--filters", "4", "--epochs", "20", "--batch", "8", "--lr", "0.01", "--out", run);
        Assert.True(trained.ExitCode == 0, trained.ToString());
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        Assert.Equal("paired", metrics.RootElement.GetProperty("task").GetString());
        Assert.Equal("3,16,16", metrics.RootElement.GetProperty("image").GetString());
        double psnr = metrics.RootElement.GetProperty("psnr").GetDouble(), inputPsnr = metrics.RootElement.GetProperty("baselines").GetProperty("input").GetProperty("psnr").GetDouble();
        Assert.True(psnr > inputPsnr, $"the model's test PSNR {psnr:F2} should beat the darkened input's {inputPsnr:F2}");

        string outputs = temp.File("outputs"), grid = temp.File("grid.png");
        var translated = Ae.Run("translate", "--model", Path.Combine(run, "model.safetensors"), "--data", a, "--targets", b, "--out", grid, "--out-dir", outputs);
        Assert.True(translated.ExitCode == 0, translated.ToString());
        Assert.Contains("PSNR", translated.Output);
        var (images, names) = ImageFolder.Load(outputs);
        Assert.Equal(40, images.Count);
        Assert.Equal([3, 16, 16], images.SampleShape!);
        Assert.Equal("000.png", names[0]);
        Assert.True(new FileInfo(grid).Length > 0);
    }

    [Fact]
    public void SuperResolutionReportsTheModelAndEveryUpsamplingBaseline()
    {
        using var temp = new TemporaryFolder();
        string data = TinyImageFolder.Write(temp.File("images")), run = temp.File("run");

        var result = Ae.Run("train", "--data", data, "--task", "superres", "--factor", "2", "--filters", "4", "--epochs", "1", "--out", run);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        var baselines = metrics.RootElement.GetProperty("baselines");
        foreach (string name in new[] { "nearest", "bilinear", "bicubic" })
            Assert.InRange(baselines.GetProperty(name).GetProperty("ssim").GetDouble(), -1, 1);
        Assert.Equal("superres factor=2", metrics.RootElement.GetProperty("corruption").GetString());
        Assert.True(File.Exists(Path.Combine(run, "translations.png")));

        var translated = Ae.Run("translate", "--model", Path.Combine(run, "model.safetensors"), "--data", data, "--limit", "5", "--out-dir", temp.File("sr"));
        Assert.True(translated.ExitCode == 0, translated.ToString());
        Assert.Equal(5, Directory.GetFiles(temp.File("sr"), "*.png").Length);

        // The report's section: the loss curves, the scores beside the baselines, and the grid drawn again on the test images.
        string page = temp.File("report.html");
        var report = Ae.Run("report", "--model", Path.Combine(run, "model.safetensors"), "--data", data, "--out", page);
        Assert.True(report.ExitCode == 0, report.ToString());
        string html = File.ReadAllText(page);
        Assert.Contains("Against the classical methods", html);
        Assert.Contains("<td>bicubic</td>", html);
        Assert.Contains("1 model, 2 figures", report.Output);
    }

    [Fact]
    public void InpaintingReportsTheMaskedRegionForTheModelAndTheBaselines()
    {
        using var temp = new TemporaryFolder();
        string data = TinyImageFolder.Write(temp.File("images")), run = temp.File("run");

        var result = Ae.Run("train", "--data", data, "--task", "inpaint", "--mask", "random", "--mask-size", "8", "--model", "encoder-decoder", "--filters", "4", "--epochs", "1", "--out", run);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        Assert.True(metrics.RootElement.TryGetProperty("masked_psnr", out _));
        var baselines = metrics.RootElement.GetProperty("baselines");
        Assert.Contains(baselines.EnumerateObject(), p => p.Name.StartsWith("pca-", StringComparison.Ordinal));
        Assert.All(new[] { "mean-fill", "nearest-fill", "input" }, name => Assert.True(baselines.GetProperty(name).GetProperty("masked_psnr").GetDouble() > 0));
        Assert.Contains("masked PSNR", result.Output);
    }

    [Fact]
    public void DenoisingTakesTheDenoisingAutoencodersNoiseKinds()
    {
        using var temp = new TemporaryFolder();
        string data = TinyImageFolder.Write(temp.File("images")), run = temp.File("run");

        var result = Ae.Run("train", "--data", data, "--task", "denoise", "--noise-kind", "salt-pepper", "--noise", "0.2", "--filters", "4", "--epochs", "1", "--out", run);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        Assert.Equal("denoise kind=salt-pepper level=0.2", metrics.RootElement.GetProperty("corruption").GetString());
        Assert.True(metrics.RootElement.GetProperty("baselines").TryGetProperty("gaussian-filter", out _));

        var refused = Ae.Run("train", "--data", data, "--task", "denoise", "--noise-kind", "masking", "--noise", "1.5", "--out", temp.File("bad"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--task denoise: expected a fraction in [0, 1) of the values for masking noise, received 1.5", Assert.Single(refused.ErrorLines));
        Assert.False(Directory.Exists(temp.File("bad")));
    }

    [Fact]
    public void ANonImageModelIsRefusedByTranslate()
    {
        using var temp = new TemporaryFolder();
        string data = TinyImageFolder.Write(temp.File("images")), run = temp.File("run");
        Assert.Equal(0, Ae.Run("train", "--data", data, "--epochs", "1", "--out", run).ExitCode);

        var result = Ae.Run("translate", "--model", Path.Combine(run, "model.safetensors"), "--data", data, "--out", temp.File("g.png"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not an image-to-image model", Assert.Single(result.ErrorLines));
        Assert.False(File.Exists(temp.File("g.png")));
    }
}
