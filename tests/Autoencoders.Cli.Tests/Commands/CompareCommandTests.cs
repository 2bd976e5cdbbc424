using System.Globalization;
using Autoencoders.Applications.Codecs;
using Autoencoders.Applications.Comparison;
using Autoencoders.Data;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary><c>ae compare</c>: PCA and trained presets at each code size, as a table and a CSV.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class CompareCommandTests(TrainedModels trained)
{
    private sealed record Row(string Model, int Code, double TestMse, double KnnAccuracy);

    private static Row[] ReadCsv(string path)
    {
        string[] lines = File.ReadAllLines(path);
        Assert.Equal("model,code,test_mse,knn_accuracy", lines[0]);
        return [.. lines.Skip(1).Select(line => line.Split(',')).Select(c => new Row(c[0], int.Parse(c[1], CultureInfo.InvariantCulture),
            double.Parse(c[2], CultureInfo.InvariantCulture), double.Parse(c[3], CultureInfo.InvariantCulture)))];
    }

    [Fact]
    public void PcaAndAPresetAtTwoCodeSizes()
    {
        string folder = trained.NewFolder();
        string csv = Path.Combine(folder, "compare.csv"), kept = Path.Combine(folder, "models");

        var result = Ae.Run("compare", "--data", trained.DataFolder, "--code", "2,6", "--models", "dense", "--epochs", "2",
            "--out", csv, "--keep-models", kept, "--threads", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = ReadCsv(csv);
        Assert.Equal(["pca/2", "dense/2", "pca/6", "dense/6"], rows.Select(r => $"{r.Model}/{r.Code}"));
        Assert.All(rows, r => Assert.InRange(r.KnnAccuracy, 0.0, 1.0));
        Assert.All(rows, r => Assert.InRange(r.TestMse, 1e-6, 0.5));
        // More components never reconstruct worse: PCA-6 contains PCA-2's subspace.
        Assert.True(rows[2].TestMse <= rows[0].TestMse, $"PCA-6 MSE {rows[2].TestMse} > PCA-2 MSE {rows[0].TestMse}");
        // The ten bright squares are far apart: six principal components separate them for kNN.
        Assert.True(rows[2].KnnAccuracy >= 0.9, $"PCA-6 kNN accuracy {rows[2].KnnAccuracy}");
        Assert.Contains("knn_accuracy", result.Output);
        Assert.True(File.Exists(Path.Combine(kept, "dense-6", "model.safetensors")));
        FileAssert.NoTemporaryFiles(folder);
    }

    [Fact]
    public void NoModelIsWrittenUnlessKept()
    {
        // The real binary with its own temporary folder: each model is measured in memory, so nothing lands there.
        string folder = trained.NewFolder(), temporary = Path.Combine(folder, "tmp");
        Directory.CreateDirectory(temporary);

        var result = Ae.RunBinary(new Dictionary<string, string?> { ["TMPDIR"] = temporary + "/" },
            "compare", "--data", trained.DataFolder, "--code", "3", "--models", "dense", "--epochs", "1", "--limit", "64", "--threads", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("epoch 1/1", result.Output); // a model was trained
        Assert.DoesNotContain("wrote", result.Output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temporary));
        Assert.Equal(["tmp"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void TheRowOfAModelMeasuredInMemoryIsTheRowOfItsSavedFile()
    {
        string folder = trained.NewFolder();
        string csv = Path.Combine(folder, "compare.csv"), kept = Path.Combine(folder, "models");

        var result = Ae.Run("compare", "--data", trained.DataFolder, "--code", "3", "--models", "dense", "--epochs", "1", "--limit", "64",
            "--threads", "1", "--out", csv, "--keep-models", kept);

        Assert.True(result.ExitCode == 0, result.ToString());
        var row = ReadCsv(csv).Single(r => r.Model == "dense");
        // The model file kept, read back and measured here on the same samples, gives the same figures to the last bit.
        var model = (Nn.Models.Autoencoder)ModelFile.Load(Path.Combine(kept, "dense-3", "model.safetensors")).Model;
        var split = DatasetCatalog.Load(trained.DataFolder).LimitTraining(64);
        using var backend = Tensors.Backends.Cpu.CpuBackend.CreateDefault(threads: 1); // the kernels ae compare --threads 1 measures with
        model.Backend = backend;
        var measured = CodecComparison.Measure(new AutoencoderCodec(model), split.Train, split.Test!, backend);
        Assert.Equal(row.TestMse, measured.TestMse);
        Assert.Equal(row.KnnAccuracy, measured.KnnAccuracy);
    }

    [Theory]
    [InlineData("--code", "0", "--code")]
    [InlineData("--code", "2,x", "--code")]
    [InlineData("--code", "9999", "--code 9999")]
    [InlineData("--models", "nope", "--models nope")]
    public void BadOptionsExitTwoWithOneLineAndNoFile(string option, string value, string named)
    {
        string folder = trained.NewFolder();
        string csv = Path.Combine(folder, "compare.csv");

        var result = Ae.Run("compare", "--data", trained.DataFolder, option, value, "--out", csv, "--epochs", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Contains(named, result.Error);
        Assert.False(File.Exists(csv));
    }
}
