using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoencoders.Applications.Codecs;
using Autoencoders.Applications.Features;
using Autoencoders.Data;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary><c>ae classify</c>: softmax on codes, PCA codes and raw inputs; the report, the confusion matrix, the summary.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class ClassifyCommandTests(TrainedModels trained)
{
    [Fact]
    public void ComparesCodesPcaAndRaw_AndWritesTheConfusionMatrixAndSummary()
    {
        string folder = trained.NewFolder();
        string png = Path.Combine(folder, "confusion.png"), json = Path.Combine(folder, "summary.json");

        var result = Ae.Run("classify", "--model", trained.DenseModel, "--data", trained.DataFolder, "--confusion", png, "--summary", json, "--threads", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        FileAssert.IsPng(png);
        FileAssert.NoTemporaryFiles(folder);
        using var summary = JsonDocument.Parse(File.ReadAllBytes(json));
        var accuracies = new Dictionary<string, double>();
        foreach (var (name, size) in new[] { ("codes", 32), ("pca", 32), ("raw", 784) })
        {
            double accuracy = summary.RootElement.GetProperty(name).GetDouble();
            Assert.InRange(accuracy, 0, 1);
            accuracies[name] = accuracy;
            // The table line "name  size  accuracy" shows the same figure to 4 decimals.
            string line = result.Output.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
            Assert.Equal([name, size.ToString(CultureInfo.InvariantCulture), accuracy.ToString("F4", CultureInfo.InvariantCulture)],
                line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        Assert.Equal(TinyImageFolder.TestCount, summary.RootElement.GetProperty("test_samples").GetInt32());
        // Each class is a bright square in its own place: linearly separable in pixels and in their first 32 components.
        Assert.True(accuracies["raw"] >= 0.9 && accuracies["pca"] >= 0.9, result.Output);
        Assert.Contains("    accuracy", result.Output);
        Assert.Contains("true \\ predicted", result.Output);

        // The same figures as the library computes them from the model file.
        var model = (Autoencoder)ModelFile.Load(trained.DenseModel).Model;
        model.Backend = new CpuBackend(1);
        var split = DatasetCatalog.Load(trained.DataFolder);
        var expected = FeatureComparison.Run(new AutoencoderCodec(model), split.Train, split.Test!, new SoftmaxOptions { Epochs = 20, Seed = 0 }, model.Backend);
        Assert.Equal(expected.Codes.Accuracy, accuracies["codes"]);
        Assert.Equal(expected.Raw.Accuracy, accuracies["raw"]);
        Assert.Contains(expected.Codes.Report.ToString(4), result.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void UnlabelledData_IsBadInput_AndWritesNothing()
    {
        string folder = trained.NewFolder(), outputs = Path.Combine(folder, "out");
        Directory.CreateDirectory(outputs);
        string data = Path.Combine(folder, "unlabelled.csv");
        var csv = new StringBuilder(string.Join(",", Enumerable.Range(0, 784).Select(i => $"p{i}")) + "\n");
        var random = new DeterministicRandom(1);
        for (int row = 0; row < 20; row++)
            csv.Append(string.Join(",", Enumerable.Range(0, 784).Select(_ => random.NextFloat().ToString("F3", CultureInfo.InvariantCulture)))).Append('\n');
        File.WriteAllText(data, csv.ToString());

        var result = Ae.Run("classify", "--model", trained.DenseModel, "--data", data,
            "--confusion", Path.Combine(outputs, "confusion.png"), "--summary", Path.Combine(outputs, "summary.json"));

        FileAssert.IsBadInput(result, data);
        Assert.Contains("no labels", result.Error);
        FileAssert.NothingIn(outputs);
    }

    [Theory]
    [InlineData("--epochs", "0")]
    [InlineData("--limit", "0")]
    [InlineData("--confusion", "missing-folder/confusion.png")]
    public void BadOptions_AreBadInput(string option, string value)
    {
        string folder = trained.NewFolder();
        if (value.StartsWith("missing", StringComparison.Ordinal)) value = Path.Combine(folder, value);

        var result = Ae.Run("classify", "--model", trained.DenseModel, "--data", trained.DataFolder, option, value, "--summary", Path.Combine(folder, "summary.json"));

        FileAssert.IsBadInput(result, option == "--confusion" ? value : option);
        FileAssert.NothingIn(folder);
    }
}
