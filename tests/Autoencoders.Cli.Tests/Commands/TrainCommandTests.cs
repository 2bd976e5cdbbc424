using System.Globalization;
using System.Text.Json;
using Autoencoders.Data;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary><c>ae train</c> on a small IDX folder writes every promised file, with consistent figures.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class TrainCommandTests(TrainedModels trained)
{
    [Fact]
    public void DenseRunSucceedsAndWritesEveryFile()
    {
        Assert.True(trained.DenseRun.ExitCode == 0, trained.DenseRun.ToString());
        Assert.Equal("", trained.DenseRun.Error);
        Assert.Equal(
            ["history.csv", "loss.png", "metrics.json", "model.safetensors", "reconstructions.png"],
            Directory.EnumerateFileSystemEntries(trained.DenseFolder).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal));
        FileAssert.IsPng(Path.Combine(trained.DenseFolder, "loss.png"));
        FileAssert.IsPng(Path.Combine(trained.DenseFolder, "reconstructions.png"));
        Assert.Contains("epoch 1/2", trained.DenseRun.Output);
        Assert.Contains("epoch 2/2", trained.DenseRun.Output);
    }

    [Fact]
    public void HistoryHasAHeaderAndOneRowPerEpoch()
    {
        string[] lines = File.ReadAllLines(Path.Combine(trained.DenseFolder, "history.csv"));

        Assert.Equal("epoch,loss,val_loss,seconds,samples_per_second", lines[0]);
        Assert.Equal(3, lines.Length);
        for (int epoch = 1; epoch <= 2; epoch++)
        {
            string[] cells = lines[epoch].Split(',');
            Assert.Equal(5, cells.Length);
            Assert.Equal(epoch.ToString(CultureInfo.InvariantCulture), cells[0]);
            Assert.All(cells[1..], cell => Assert.True(double.Parse(cell, CultureInfo.InvariantCulture) > 0, lines[epoch]));
        }
        double first = double.Parse(lines[1].Split(',')[1], CultureInfo.InvariantCulture);
        double second = double.Parse(lines[2].Split(',')[1], CultureInfo.InvariantCulture);
        Assert.True(second < first, $"the training loss did not fall: {first} then {second}");
    }

    [Fact]
    public void MetricsHoldNumbersThatAgreeWithTheModelAndTheHistory()
    {
        using var metrics = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(trained.DenseFolder, "metrics.json")));
        var root = metrics.RootElement;
        double testLoss = root.GetProperty("test_loss").GetDouble();

        Assert.True(root.GetProperty("train_seconds").GetDouble() > 0);
        Assert.True(root.GetProperty("samples_per_second").GetDouble() > 0);
        Assert.True(root.GetProperty("fit_seconds").GetDouble() >= root.GetProperty("train_seconds").GetDouble());
        Assert.Equal(50_992, root.GetProperty("parameters").GetInt32());
        Assert.Equal(300, root.GetProperty("train_samples").GetInt32());
        Assert.Equal(100, root.GetProperty("test_samples").GetInt32());
        Assert.Equal("bce", root.GetProperty("loss").GetString());
        // The test split is the validation data, so the last epoch's val_loss is the test loss of the final weights.
        string lastRow = File.ReadAllLines(Path.Combine(trained.DenseFolder, "history.csv"))[^1];
        Assert.Equal(testLoss, double.Parse(lastRow.Split(',')[2], CultureInfo.InvariantCulture));
        // And the saved model, evaluated here, gives the same figure.
        var loaded = ModelFile.Load(trained.DenseModel);
        loaded.Model.Compile(new Nn.Optimizers.Adam(), loaded.Loss!);
        var test = DatasetCatalog.Load(trained.DataFolder).Test!;
        Assert.Equal(testLoss, loaded.Model.Evaluate(test), 1e-6);
        // Below the test loss of the same preset before training (the CLI builds it with --seed 1).
        var (untrained, loss) = Nn.Presets.ModelPresets.Create("dense", 784);
        untrained.Build(new Tensors.Shape(784), seed: 1);
        untrained.Compile(new Nn.Optimizers.Adam(), loss);
        double before = untrained.Evaluate(test);
        Assert.True(testLoss < before, $"test_loss {testLoss}, before training {before}");
    }

    [Fact]
    public void DenseLearnsTheSquares()
    {
        string folder = Path.Combine(trained.NewFolder(), "dense");

        // 10 steps per epoch; measured test_loss 0.326 (BCE of an untrained model: 0.69).
        var result = Ae.Run("train", "--data", trained.DataFolder, "--model", "dense", "--batch", "30", "--epochs", "5", "--out", folder, "--seed", "1", "--threads", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var metrics = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "metrics.json")));
        double testLoss = metrics.RootElement.GetProperty("test_loss").GetDouble();
        Assert.True(testLoss < 0.36, $"test_loss {testLoss}");
        Assert.Contains($"test_loss {testLoss:F5}", result.Output);
    }

    [Fact]
    public void DeepRunWithATwoDimensionalCodeSucceeds()
    {
        Assert.True(trained.DeepRun.ExitCode == 0, trained.DeepRun.ToString());
        var model = Assert.IsType<Nn.Models.Autoencoder>(ModelFile.Load(trained.DeepModel).Model);
        Assert.Equal(2, model.CodeSize);
        Assert.Equal(839_686, model.Parameters.TotalCount);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(trained.DeepFolder, "history.csv")).Length);
        FileAssert.IsPng(Path.Combine(trained.DeepFolder, "reconstructions.png"));
        using var metrics = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(trained.DeepFolder, "metrics.json")));
        Assert.Equal(2, metrics.RootElement.GetProperty("code_size").GetInt32());
        Assert.Equal("mse", metrics.RootElement.GetProperty("loss").GetString());
    }

    [Fact]
    public void ValidationSplitAndEarlyStopping()
    {
        string folder = Path.Combine(trained.NewFolder(), "early");

        // A learning rate of 1e-30 cannot move a float weight: val_loss stays flat, so patience 0 stops after epoch 2.
        var result = Ae.Run("train", "--data", trained.DataFolder, "--lr", "1e-30", "--validation-split", "0.2", "--early-stopping", "0",
            "--epochs", "6", "--out", folder, "--seed", "1", "--threads", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] history = File.ReadAllLines(Path.Combine(folder, "history.csv"));
        Assert.Equal(3, history.Length);
        Assert.Equal(history[1].Split(',')[2], history[2].Split(',')[2]);
        Assert.NotEqual("", history[1].Split(',')[2]);
        using var metrics = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "metrics.json")));
        Assert.Equal(2, metrics.RootElement.GetProperty("epochs").GetInt32());
        Assert.True(metrics.RootElement.GetProperty("test_loss").GetDouble() > 0);
    }

    [Fact]
    public void SameSeedAndThreadsWriteTheSameModelBytes()
    {
        string again = Path.Combine(trained.NewFolder(), "again");

        var result = Ae.Run("train", "--data", trained.DataFolder, "--model", "dense", "--epochs", "2", "--out", again, "--seed", "1", "--threads", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(File.ReadAllBytes(trained.DenseModel), File.ReadAllBytes(Path.Combine(again, "model.safetensors")));
    }

    [Fact]
    public void AnotherSeedWritesAnotherModel()
    {
        string other = Path.Combine(trained.NewFolder(), "other");

        var result = Ae.Run("train", "--data", trained.DataFolder, "--model", "dense", "--epochs", "1", "--out", other, "--seed", "2", "--threads", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotEqual(File.ReadAllBytes(trained.DenseModel), File.ReadAllBytes(Path.Combine(other, "model.safetensors")));
    }

    [Fact]
    public void NoTemporaryFilesAreLeft() => FileAssert.NoTemporaryFiles(trained.DenseFolder);
}
