using System.Text.Json;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary><c>ae train</c> on a slice of the real Fashion-MNIST, as installed by Debian.</summary>
public sealed class FashionMnistTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [FashionMnistFact]
    public void DenseOnTheFirstFiveHundredImagesLearns()
    {
        string output = folder.File("out");

        var result = Ae.Run("train", "--data", "fashion-mnist", "--limit", "500", "--epochs", "3", "--batch", "25", "--out", output, "--seed", "1", "--threads", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var metrics = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "metrics.json")));
        var root = metrics.RootElement;
        Assert.Equal(500, root.GetProperty("train_samples").GetInt32());
        Assert.Equal(10_000, root.GetProperty("test_samples").GetInt32()); // --limit leaves the test split whole
        Assert.Contains("training on its first 500 samples", root.GetProperty("data").GetString());
        double testLoss = root.GetProperty("test_loss").GetDouble();
        // Measured 0.455 on the 10,000 test images; an untrained model scores about ln 2 = 0.69.
        Assert.True(testLoss < 0.5, $"test_loss {testLoss}");
        FileAssert.IsPng(Path.Combine(output, "reconstructions.png"));
    }
}
