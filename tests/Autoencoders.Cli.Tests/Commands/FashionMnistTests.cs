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

    [FashionMnistFact]
    public void DetectOnTheTestImagesFileGivesTheThresholdOfData()
    {
        // Issue 17: a --classes 0,…,7,9 model (bags are the anomalies); --input holds only the 10,000 test images.
        string model = Path.Combine(folder.File("dense"), "model.safetensors");
        var train = Ae.Run("train", "--data", "fashion-mnist", "--classes", "0,1,2,3,4,5,6,7,9", "--limit", "3000", "--epochs", "1",
            "--out", folder.File("dense"), "--seed", "1", "--threads", "1");
        Assert.True(train.ExitCode == 0, train.ToString());
        string images = Path.Combine(Data.DatasetCatalog.DefaultFashionMnistFolder, "t10k-images-idx3-ubyte.gz");
        string fromData = folder.File("data.csv"), fromFile = folder.File("file.csv");

        var data = Ae.Run("detect", "--model", model, "--data", "fashion-mnist", "--out", fromData, "--threads", "1");
        var file = Ae.Run("detect", "--model", model, "--input", images, "--out", fromFile, "--threads", "1");

        Assert.True(data.ExitCode == 0, data.ToString());
        Assert.True(file.ExitCode == 0, file.ToString());
        string threshold = data.Output.Split('\n').Single(line => line.StartsWith("threshold ", StringComparison.Ordinal));
        Assert.EndsWith("the 0.95 quantile of the errors of 3,000 normal (classes 0,1,2,3,4,5,6,7,9) training samples recorded at training", threshold);
        Assert.Contains(threshold, file.Output);
        Assert.Equal(File.ReadLines(fromData).Select(line => string.Join(',', line.Split(',')[..3])), File.ReadLines(fromFile));
        Assert.Equal(10_001, File.ReadLines(fromFile).Count());
    }
}
