using System.Text.Json.Nodes;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary><c>ae train</c> with the family's presets and model files, and <c>ae generate</c>, on the tiny image folder.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class FamilyCommandTests(TrainedModels fixture)
{
    private static JsonObject Metrics(string folder) => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "metrics.json")))!;

    private AeResult Train(string folder, params string[] args) =>
        Ae.Run(["train", "--data", fixture.DataFolder, "--threads", "1", "--out", folder, .. args]);

    [Fact]
    public void AVaeReportsItsNegativeElboAndGeneratesSamplesAndAManifold()
    {
        string folder = Path.Combine(fixture.NewFolder(), "vae");
        var run = Train(folder, "--model", "vae", "--code", "2", "--epochs", "2");
        Assert.True(run.ExitCode == 0, run.ToString());
        var metrics = Metrics(folder);
        double loss = (double)metrics["test_loss"]!, reconstruction = (double)metrics["reconstruction"]!, kl = (double)metrics["kl"]!;
        Assert.Equal(loss, reconstruction + kl, 6);
        Assert.Equal("bce_sum", (string)metrics["loss"]!);
        Assert.Equal(128, (int)metrics["batch_size"]!);

        string samples = Path.Combine(folder, "samples.png"), manifold = Path.Combine(folder, "manifold.png");
        var generated = Ae.Run("generate", "--model", Path.Combine(folder, "model.safetensors"), "--count", "16", "--out", samples);
        Assert.True(generated.ExitCode == 0, generated.ToString());
        FileAssert.IsPng(samples);
        var grid = Ae.Run("generate", "--model", Path.Combine(folder, "model.safetensors"), "--manifold", "--grid", "5", "--out", manifold);
        Assert.True(grid.ExitCode == 0, grid.ToString());
        FileAssert.IsPng(manifold);
        Assert.NotEqual(File.ReadAllBytes(samples), File.ReadAllBytes(manifold));
    }

    [Fact]
    public void GenerateRefusesAModelWithoutAPrior()
    {
        string path = Path.Combine(fixture.NewFolder(), "x.png");
        FileAssert.IsBadInput(Ae.Run("generate", "--model", fixture.DenseModel, "--out", path), "generate needs a variational one");
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void ManifoldNeedsATwoDimensionalLatent()
    {
        string folder = Path.Combine(fixture.NewFolder(), "vae3");
        Assert.Equal(0, Train(folder, "--model", "vae", "--code", "3", "--epochs", "1").ExitCode);
        string path = Path.Combine(folder, "m.png");
        FileAssert.IsBadInput(Ae.Run("generate", "--model", Path.Combine(folder, "model.safetensors"), "--manifold", "--out", path), "--manifold needs a 2-D latent space");
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void DenoisingReportsPsnrBeforeAndAfter()
    {
        string folder = Path.Combine(fixture.NewFolder(), "denoising");
        var run = Train(folder, "--model", "denoising", "--noise", "0.3", "--epochs", "5");
        Assert.True(run.ExitCode == 0, run.ToString());
        var metrics = Metrics(folder);
        double noisy = (double)metrics["psnr_noisy"]!, denoised = (double)metrics["psnr_denoised"]!;
        Assert.InRange(noisy, 5, 20);
        Assert.True(denoised > noisy, $"PSNR {noisy:F2} dB noisy, {denoised:F2} dB denoised");
    }

    [Fact]
    public void AConvPresetTrainsOnImages()
    {
        string folder = Path.Combine(fixture.NewFolder(), "conv");
        var run = Train(folder, "--model", "conv", "--epochs", "1", "--limit", "64");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(32 * 7 * 7, (int)Metrics(folder)["code_size"]!);
        Assert.True((double)Metrics(folder)["mean_code_activation"]! > 0);
    }

    [Fact]
    public void TheDbnPresetPretrainsThenFineTunes()
    {
        string folder = Path.Combine(fixture.NewFolder(), "dbn");
        var run = Train(folder, "--model", "dbn", "--code", "8", "--pretrain-epochs", "1", "--epochs", "1");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("rbm 4/4 epoch 1/1: reconstruction error", run.Output);
        Assert.Contains("fine-tuning by backpropagation", run.Output);
    }

    [Fact]
    public void AYamlModelFileTrains()
    {
        string model = Path.Combine(fixture.NewFolder(), "small.yaml");
        File.WriteAllText(model, """
            name: tiny-conv
            loss: bce
            encoder:
              - Reshape: {target_shape: [1, 28, 28]}
              - Conv2D: {filters: 4, kernel_size: 3, strides: 2, padding: same, activation: relu}
              - Flatten: {}
              - Dense: {units: 8, activation: relu}
            decoder:
              - Dense: {units: 784, activation: sigmoid}
            """);
        string folder = Path.Combine(fixture.NewFolder(), "yaml");
        var run = Train(folder, "--model", model, "--epochs", "1");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(8, (int)Metrics(folder)["code_size"]!);
        var summary = Ae.Run("summary", Path.Combine(folder, "model.safetensors"));
        Assert.Contains("conv2d (Conv2D)", summary.Output);
    }

    [Theory]
    [InlineData("encoder:\n  - Dense: {units: 8\ndecoder:\n  - Dense: {units: 784}", "malformed YAML")]
    [InlineData("encoder:\n  - Dense: {units: 8}\ndecoder:\n  - Convolution: {filters: 1}", ":4:5: decoder[0]: unknown layer type \"Convolution\"")]
    [InlineData("encoder:\n  - Dense: {units: 8}\n  - Reshape: {target_shape: [1, 3, 3]}\ndecoder:\n  - Dense: {units: 784}", ":3:5: encoder[1] reshape (Reshape): cannot reshape (8)")]
    public void BadModelFilesAreBadInputNamingTheFileAndTheLine(string yaml, string expected)
    {
        string model = Path.Combine(fixture.NewFolder(), "bad.yaml");
        File.WriteAllText(model, yaml);
        string folder = Path.Combine(fixture.NewFolder(), "out");
        var run = Ae.RunBinary("train", "--data", fixture.DataFolder, "--model", model, "--epochs", "1", "--out", folder);
        FileAssert.IsBadInput(run, model);
        Assert.Contains(expected, run.Error);
        FileAssert.NothingIn(folder);
    }

    [Theory]
    [InlineData("--model", "squeeze", "--model squeeze: unknown, expected a preset")]
    [InlineData("--model", "missing.yaml", "--model missing.yaml: no such model file")]
    [InlineData("--noise", "-1", "--noise must be a non-negative number")]
    [InlineData("--pretrain-epochs", "3", "--pretrain-epochs applies to --model dbn only")]
    public void BadFamilyOptions(string option, string value, string expected)
    {
        string folder = Path.Combine(fixture.NewFolder(), "out");
        FileAssert.IsBadInput(Ae.Run("train", "--data", fixture.DataFolder, option, value, "--out", folder), expected);
        FileAssert.NothingIn(folder);
    }
}
