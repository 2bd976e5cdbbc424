using System.Globalization;
using System.Text.RegularExpressions;
using Autoencoders.Data;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary><c>ae compress</c> and <c>ae decompress</c>: the code file's size, the ratio and the distortion they print
/// agree with the files they write, and only the model that compressed can decompress.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed partial class CompressCommandTests(TrainedModels trained)
{
    private const int Pixels = 28 * 28;

    [GeneratedRegex(@"original: (\d+) bytes")]
    private static partial Regex OriginalBytes();

    [GeneratedRegex(@"wrote \S+: (\d+) bytes")]
    private static partial Regex FileBytes();

    [GeneratedRegex(@"compression ratio: (\S+)×")]
    private static partial Regex Ratio();

    [GeneratedRegex(@"MSE (\S+), PSNR (\S+) dB")]
    private static partial Regex Distortion();

    private static double Number(Regex pattern, string output)
    {
        var match = pattern.Match(output);
        Assert.True(match.Success, $"{pattern} not in: {output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.CurrentCulture);
    }

    private AeResult Compress(string model, string codes, params string[] extra) =>
        Ae.Run(["compress", "--model", model, "--data", trained.DataFolder, "--out", codes, "--threads", "1", .. extra]);

    /// <summary>The t10k images as they are stored: bytes.</summary>
    private byte[] OriginalPixels => IdxReader.ReadImages(TinyImageFolder.File(trained.DataFolder, "t10k-images-idx3-ubyte", compressed: true)).Data;

    [Theory]
    [InlineData("float16", 2)]
    [InlineData("float32", 4)]
    public void TheReportAgreesWithTheFilesWritten(string precision, int bytesPerValue)
    {
        string folder = trained.NewFolder(), codes = Path.Combine(folder, "codes.aec"), images = Path.Combine(folder, "restored.idx");

        var compressed = Compress(trained.DenseModel, codes, "--precision", precision);
        Assert.True(compressed.ExitCode == 0, compressed.ToString());
        var decompressed = Ae.Run("decompress", "--model", trained.DenseModel, "--codes", codes, "--out", images);
        Assert.True(decompressed.ExitCode == 0, decompressed.ToString());
        FileAssert.NoTemporaryFiles(folder);

        // 100 images of 784 one-byte pixels; the file: 52 + 8 header bytes (shape 28×28), 4-byte labels, 32 values per code.
        long size = new FileInfo(codes).Length;
        Assert.Equal(60 + 4 * TinyImageFolder.TestCount + TinyImageFolder.TestCount * 32 * bytesPerValue, size);
        Assert.Equal(TinyImageFolder.TestCount * Pixels, Number(OriginalBytes(), compressed.Output));
        Assert.Equal(size, Number(FileBytes(), compressed.Output));
        Assert.Equal(Math.Round((double)TinyImageFolder.TestCount * Pixels / size, 2), Number(Ratio(), compressed.Output));

        // The distortion printed is that of the images decompress wrote, against the stored originals.
        var restored = IdxReader.ReadImages(images);
        Assert.Equal([TinyImageFolder.TestCount, 28, 28], restored.Dimensions);
        byte[] original = OriginalPixels;
        double mse = original.Zip(restored.Data, (a, b) => (a - b) / 255.0 * ((a - b) / 255.0)).Average();
        var printed = Distortion().Match(compressed.Output);
        Assert.Equal(mse, double.Parse(printed.Groups[1].Value, CultureInfo.CurrentCulture), mse * 1e-5);
        Assert.Equal(10 * Math.Log10(1 / mse), double.Parse(printed.Groups[2].Value, CultureInfo.CurrentCulture), 0.006);
    }

    [Fact]
    public void Float16CodesCostHalfTheBytesAndAlmostNoQuality()
    {
        string folder = trained.NewFolder();
        var half = Compress(trained.DeepModel, Path.Combine(folder, "h.aec"));
        var full = Compress(trained.DeepModel, Path.Combine(folder, "f.aec"), "--precision", "float32");
        Assert.True(half.ExitCode == 0 && full.ExitCode == 0, half + "\n" + full);

        Assert.Contains("codes of 2 float16 values", half.Output); // float16 is the default
        Assert.Equal(TinyImageFolder.TestCount * 2 * 2, new FileInfo(Path.Combine(folder, "f.aec")).Length - new FileInfo(Path.Combine(folder, "h.aec")).Length);
        double halfMse = double.Parse(Distortion().Match(half.Output).Groups[1].Value, CultureInfo.CurrentCulture);
        double fullMse = double.Parse(Distortion().Match(full.Output).Groups[1].Value, CultureInfo.CurrentCulture);
        Assert.Equal(fullMse, halfMse, fullMse * 0.01);
    }

    [Fact]
    public void DecompressingToCsvGivesTheDecodedValuesAndLabels()
    {
        string folder = trained.NewFolder(), codes = Path.Combine(folder, "codes.aec"), csv = Path.Combine(folder, "restored.csv"), grid = Path.Combine(folder, "grid.png");
        Assert.Equal(0, Compress(trained.DeepModel, codes, "--precision", "float32").ExitCode);

        var result = Ae.Run("decompress", "--model", trained.DeepModel, "--codes", codes, "--out", csv, "--grid", grid);

        Assert.True(result.ExitCode == 0, result.ToString());
        FileAssert.IsPng(grid);
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal(TinyImageFolder.TestCount + 1, lines.Length);
        Assert.StartsWith("x1,x2,", lines[0]);
        Assert.EndsWith($",x{Pixels},label", lines[0]);
        var model = (Autoencoder)ModelFile.Load(trained.DeepModel).Model;
        float[] expected = model.Reconstruct(DatasetCatalog.Load(trained.DataFolder).Test!);
        for (int row = 0; row < TinyImageFolder.TestCount; row++)
        {
            string[] cells = lines[row + 1].Split(',');
            Assert.Equal(TinyImageFolder.TestLabels[row], int.Parse(cells[Pixels], CultureInfo.InvariantCulture));
            for (int j = 0; j < Pixels; j += 97)
                Assert.Equal(expected[row * Pixels + j], float.Parse(cells[j], CultureInfo.InvariantCulture), 1e-5f);
        }
    }

    [Fact]
    public void CsvDataIsMeasuredAsTheModelSeesItAndComesBackInItsOwnUnits()
    {
        string folder = trained.NewFolder(), csv = Path.Combine(folder, "table.csv"), run = Path.Combine(folder, "run");
        var random = new DeterministicRandom(3);
        var rows = new List<double[]>();
        for (int i = 0; i < 120; i++)
        {
            double t = random.NextFloat();
            rows.Add([10 * t, 100 + 50 * t, -3 * t + 0.1 * random.NextGaussian()]);
        }
        File.WriteAllLines(csv, ["a,b,c,label", .. rows.Select((r, i) => string.Join(",", r.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + $",{i % 3}")]);
        var training = Ae.Run("train", "--data", csv, "--model", "deep", "--code", "2", "--epochs", "3", "--threads", "1", "--out", run);
        Assert.True(training.ExitCode == 0, training.ToString());
        string model = Path.Combine(run, "model.safetensors"), codes = Path.Combine(folder, "codes.aec"), restored = Path.Combine(folder, "restored.csv");

        var compressed = Ae.Run("compress", "--model", model, "--data", csv, "--out", codes, "--precision", "float32");
        var decompressed = Ae.Run("decompress", "--model", model, "--codes", codes, "--out", restored);

        Assert.True(compressed.ExitCode == 0, compressed.ToString());
        Assert.True(decompressed.ExitCode == 0, decompressed.ToString());
        Assert.Equal(120 * 3 * 4, Number(OriginalBytes(), compressed.Output)); // 4 bytes per value
        Assert.Equal(52 + 120 * 4 + 120 * 2 * 4, new FileInfo(codes).Length);
        // Training scaled each column to [0, 1] by its minimum and maximum; the printed MSE is in that space.
        double[] minimum = [.. Enumerable.Range(0, 3).Select(j => rows.Min(r => r[j]))], maximum = [.. Enumerable.Range(0, 3).Select(j => rows.Max(r => r[j]))];
        string[] lines = File.ReadAllLines(restored);
        Assert.Equal("x1,x2,x3,label", lines[0]);
        double squares = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            string[] cells = lines[i + 1].Split(',');
            Assert.Equal(i % 3, int.Parse(cells[3], CultureInfo.InvariantCulture));
            for (int j = 0; j < 3; j++)
            {
                double value = double.Parse(cells[j], CultureInfo.InvariantCulture);
                Assert.InRange(value, minimum[j] - (maximum[j] - minimum[j]), maximum[j] + (maximum[j] - minimum[j])); // the column's own units
                double error = (value - rows[i][j]) / (maximum[j] - minimum[j]);
                squares += error * error;
            }
        }
        double mse = squares / (rows.Count * 3);
        double printed = double.Parse(Distortion().Match(compressed.Output).Groups[1].Value, CultureInfo.CurrentCulture);
        Assert.Equal(mse, printed, mse * 1e-4);
    }

    [Fact]
    public void AnotherModelCannotDecompress()
    {
        string folder = trained.NewFolder(), codes = Path.Combine(folder, "codes.aec"), images = Path.Combine(folder, "restored.idx");
        Assert.Equal(0, Compress(trained.DenseModel, codes).ExitCode);

        var result = Ae.Run("decompress", "--model", trained.DeepModel, "--codes", codes, "--out", images, "--grid", Path.Combine(folder, "g.png"));

        FileAssert.IsBadInput(result, $"{codes}: compressed with another model");
        Assert.Contains(trained.DeepModel, result.Error);
        Assert.Equal(["codes.aec"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void ADamagedCodeFileIsBadInput()
    {
        string folder = trained.NewFolder(), codes = Path.Combine(folder, "codes.aec"), images = Path.Combine(folder, "restored.idx");
        Assert.Equal(0, Compress(trained.DenseModel, codes).ExitCode);
        byte[] bytes = File.ReadAllBytes(codes);
        File.WriteAllBytes(codes, bytes[..^3]);

        var result = Ae.Run("decompress", "--model", trained.DenseModel, "--codes", codes, "--out", images);

        FileAssert.IsBadInput(result, $"{codes}: truncated: expected {bytes.Length} bytes");
        Assert.False(File.Exists(images));
    }

    [Theory]
    [InlineData("compress", "--precision", "float8", "'float8'")]
    [InlineData("compress", "--out", "missing/codes.aec", "does not exist")]
    [InlineData("compress", "--model", "missing.safetensors", "missing.safetensors: no such model file")]
    [InlineData("decompress", "--codes", "nothing.aec", "nothing.aec: no such code file")]
    [InlineData("decompress", "--out", "missing/restored.idx", "does not exist")]
    [InlineData("decompress", "--count", "0", "--count must be a positive integer, received 0")]
    public void BadOptions(string command, string option, string value, string expected)
    {
        string folder = trained.NewFolder();
        string codes = Path.Combine(trained.NewFolder(), "codes.aec");
        Assert.Equal(0, Compress(trained.DenseModel, codes).ExitCode);
        var args = command == "compress"
            ? new Dictionary<string, string> { ["--model"] = trained.DenseModel, ["--data"] = trained.DataFolder, ["--out"] = Path.Combine(folder, "codes.aec") }
            : new Dictionary<string, string> { ["--model"] = trained.DenseModel, ["--codes"] = codes, ["--out"] = Path.Combine(folder, "restored.idx") };
        args[option] = option is "--out" or "--codes" ? Path.Combine(folder, value) : value;

        var result = Ae.Run([command, .. args.SelectMany(pair => new[] { pair.Key, pair.Value })]);

        FileAssert.IsBadInput(result, expected);
        FileAssert.NothingIn(folder);
    }
}
