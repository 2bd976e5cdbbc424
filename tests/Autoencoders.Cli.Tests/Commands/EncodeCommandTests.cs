using System.Globalization;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary><c>ae encode</c> writes one code per test sample, and the latent scatter plot.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class EncodeCommandTests(TrainedModels trained)
{
    private static void AssertCodes(string csv, int size)
    {
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal(string.Join(",", Enumerable.Range(1, size).Select(i => $"z{i}")) + ",label", lines[0]);
        Assert.Equal(TinyImageFolder.TestCount + 1, lines.Length);
        int[] labels = new int[TinyImageFolder.TestCount];
        for (int row = 0; row < TinyImageFolder.TestCount; row++)
        {
            string[] cells = lines[row + 1].Split(',');
            Assert.Equal(size + 1, cells.Length);
            Assert.All(cells[..size], cell => Assert.True(float.IsFinite(float.Parse(cell, CultureInfo.InvariantCulture)), lines[row + 1]));
            labels[row] = int.Parse(cells[size], CultureInfo.InvariantCulture);
        }
        Assert.Equal(TinyImageFolder.TestLabels, labels);
    }

    [Fact]
    public void TwoDimensionalCodesAndTheirPlot()
    {
        string folder = trained.NewFolder();
        string csv = Path.Combine(folder, "codes.csv"), plot = Path.Combine(folder, "latent.png");

        var result = Ae.Run("encode", "--model", trained.DeepModel, "--data", trained.DataFolder, "--out", csv, "--plot", plot, "--threads", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertCodes(csv, 2);
        FileAssert.IsPng(plot);
        FileAssert.NoTemporaryFiles(folder);
    }

    [Fact]
    public void ThirtyTwoDimensionalCodesArePlottedThroughPrincipalComponents()
    {
        string folder = trained.NewFolder();
        string csv = Path.Combine(folder, "codes.csv"), plot = Path.Combine(folder, "latent.png");

        var result = Ae.Run("encode", "--model", trained.DenseModel, "--data", trained.DataFolder, "--out", csv, "--plot", plot);

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertCodes(csv, 32);
        FileAssert.IsPng(plot);
    }

    [Fact]
    public void CodesAreTheModelsEncoding()
    {
        string csv = Path.Combine(trained.NewFolder(), "codes.csv");
        Assert.Equal(0, Ae.Run("encode", "--model", trained.DeepModel, "--data", trained.DataFolder, "--out", csv).ExitCode);

        var model = (Nn.Models.Autoencoder)Nn.Serialization.ModelFile.Load(trained.DeepModel).Model;
        float[] expected = model.Encode(Data.DatasetCatalog.Load(trained.DataFolder).Test!);

        float[] written = [.. File.ReadAllLines(csv).Skip(1).SelectMany(line => line.Split(',')[..2]).Select(cell => float.Parse(cell, CultureInfo.InvariantCulture))];
        Assert.Equal(expected, written);
    }
}
