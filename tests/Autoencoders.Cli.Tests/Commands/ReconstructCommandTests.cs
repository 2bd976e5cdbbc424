using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using Autoencoders.Data;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary><c>ae reconstruct</c> draws test samples over their reconstructions and reports the test split's MSE and PSNR.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed partial class ReconstructCommandTests(TrainedModels trained)
{
    [GeneratedRegex(@"MSE (\S+), PSNR (\S+) dB")]
    private static partial Regex Figures();

    /// <summary>Width and height from the PNG's IHDR chunk.</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    [Fact]
    public void ReportsTheMseAndPsnrOfTheWholeTestSplit()
    {
        string folder = trained.NewFolder(), grid = Path.Combine(folder, "grid.png");

        var result = Ae.Run("reconstruct", "--model", trained.DenseModel, "--data", trained.DataFolder, "--out", grid, "--threads", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        FileAssert.IsPng(grid);
        FileAssert.NoTemporaryFiles(folder);
        var printed = Figures().Match(result.Output);
        Assert.True(printed.Success, result.Output);
        Assert.Contains($"on {TinyImageFolder.TestCount} test samples", result.Output);

        var model = (Autoencoder)ModelFile.Load(trained.DenseModel).Model;
        float[] clean = DatasetCatalog.Load(trained.DataFolder).Test!.Features;
        float[] reconstructed = model.Reconstruct(DatasetCatalog.Load(trained.DataFolder).Test!);
        double mse = clean.Zip(reconstructed, (x, y) => (double)(x - y) * (x - y)).Average();
        double printedMse = double.Parse(printed.Groups[1].Value, CultureInfo.CurrentCulture);
        Assert.Equal(mse, printedMse, mse * 1e-5);
        Assert.Equal(10 * Math.Log10(1 / mse), double.Parse(printed.Groups[2].Value, CultureInfo.CurrentCulture), 0.006);
        Assert.InRange(mse, 1e-4, 0.2); // two epochs on the tiny set: far from perfect, far from noise
    }

    [Fact]
    public void CountSetsTheColumnsOfTheGrid()
    {
        string folder = trained.NewFolder(), five = Path.Combine(folder, "five.png"), ten = Path.Combine(folder, "ten.png");

        Assert.Equal(0, Ae.Run("reconstruct", "--model", trained.DeepModel, "--data", trained.DataFolder, "--out", five, "--count", "5").ExitCode);
        Assert.Equal(0, Ae.Run("reconstruct", "--model", trained.DeepModel, "--data", trained.DataFolder, "--out", ten).ExitCode);

        // Each column is a 28-pixel image drawn at scale 3 plus the 4-pixel gap; the rows are the same.
        Assert.Equal(5 * (28 * 3 + 4), PngSize(ten).Width - PngSize(five).Width);
        Assert.Equal(PngSize(ten).Height, PngSize(five).Height);
    }

    [Theory]
    [InlineData("--count", "0", "--count must be a positive integer, received 0")]
    [InlineData("--threads", "-1", "--threads must be 0 (one per core) or more")]
    [InlineData("--model", "missing.safetensors", "missing.safetensors: no such model file")]
    [InlineData("--out", "no/such/folder/grid.png", "does not exist")]
    public void BadOptions(string option, string value, string expected)
    {
        string folder = trained.NewFolder();
        var args = new Dictionary<string, string>
        {
            ["--model"] = trained.DenseModel, ["--data"] = trained.DataFolder, ["--out"] = Path.Combine(folder, "grid.png"),
        };
        args[option] = option == "--out" ? Path.Combine(folder, value) : value;

        var result = Ae.Run(["reconstruct", .. args.SelectMany(pair => new[] { pair.Key, pair.Value })]);

        FileAssert.IsBadInput(result, expected);
        FileAssert.NothingIn(folder);
    }

    [Fact]
    public void DataOfAnotherSizeIsRefused()
    {
        string folder = trained.NewFolder();
        string csv = Path.Combine(folder, "small.csv");
        File.WriteAllText(csv, "a,b,c\n1,2,3\n4,5,6\n");

        var result = Ae.Run("reconstruct", "--model", trained.DenseModel, "--data", csv, "--out", Path.Combine(folder, "grid.png"));

        FileAssert.IsBadInput(result, "the model expects samples of 784 values");
        Assert.False(File.Exists(Path.Combine(folder, "grid.png")));
    }
}
