using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoencoders.Applications.Anomaly;
using Autoencoders.Data;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary>
/// Issue 17's scenario: a model trained on normal rows of 4 correlated Gaussian columns keeps the threshold it
/// recorded at training; new files, whole and streamed through <c>--input</c>, are flagged against it.
/// </summary>
public sealed class DetectInputTests(DetectInputTests.Trained trained) : IClassFixture<DetectInputTests.Trained>
{
    private static readonly string[] Columns = ["x1", "x2", "x3", "x4"];

    /// <summary>A dense autoencoder with a 2-D code trained on 5,000 normal rows, the last 2,000 held out for validation.</summary>
    public sealed class Trained : IDisposable
    {
        private readonly TemporaryFolder folder = new();

        public Trained()
        {
            TrainData = WriteRows(folder.File("train.csv"), Columns, NormalRows(new Random(1), 5000), labels: null);
            Model = Path.Combine(folder.File("model"), "model.safetensors");
            TrainRun = Ae.Run("train", "--data", TrainData, "--model", "dense", "--code", "2", "--loss", "mse", "--epochs", "20",
                "--validation-split", "0.4", "--seed", "1", "--threads", "1", "--out", folder.File("model"));
        }

        public string TrainData { get; }

        public string Model { get; }

        public AeResult TrainRun { get; }

        public string NewFolder()
        {
            string path = folder.File(Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(path);
            return path;
        }

        public void Dispose() => folder.Dispose();
    }

    [Fact]
    public void TrainingRecordsTheErrorsAndTheColumns()
    {
        Assert.True(trained.TrainRun.ExitCode == 0, trained.TrainRun.ToString());
        var loaded = ModelFile.Load(trained.Model);
        var validation = Calibration.Read(loaded.Metadata, Calibration.ValidationSource)!;
        var training = Calibration.Read(loaded.Metadata, Calibration.TrainingSource)!;
        Assert.Equal((2000, 3000), (validation.Count, training.Count));
        Assert.True(validation.IsExact);
        Assert.Equal(Columns, ModelPreprocessing.Read(loaded).FeatureNames!);

        // The record is the model's own errors on the held-out rows (the last 2,000), scaled as in training.
        var model = (Autoencoder)loaded.Model;
        Dataset heldOut = ModelPreprocessing.Read(loaded).Apply(CsvDatasetReader.Read(trained.TrainData).Slice(3000, 2000));
        double[] errors = ReconstructionError.PerSample(new Applications.Codecs.AutoencoderCodec(model), heldOut);
        Assert.Equal(errors.Max(), validation.Max, 1e-6 * validation.Max);
        Assert.Equal(AnomalyThreshold.FromQuantile(errors, 0.95), validation.Quantile(0.95), 1e-6 * validation.Max);
        Assert.Contains("calibration: errors of 2,000 validation samples recorded", trained.TrainRun.Output);
    }

    [Fact]
    public void NewFilesAreFlaggedAgainstTheModelsOwnThreshold()
    {
        string folder = trained.NewFolder();
        var random = new Random(7);
        float[][] normal = NormalRows(random, 1000);
        float[][] anomalies = AnomalousRows(random, 10);
        string first = WriteRows(Path.Combine(folder, "new.csv"), [.. Columns, "label"], [.. normal, .. anomalies], [.. Enumerable.Repeat("normal", 1000), .. Enumerable.Repeat("planted", 10)]);
        // Another file: other rows, the columns in another order, no labels.
        string[] shuffled = ["x3", "x1", "x4", "x2"];
        string second = WriteRows(Path.Combine(folder, "other.csv"), shuffled, [.. NormalRows(random, 300).Select(r => new[] { r[2], r[0], r[3], r[1] })], labels: null);
        string firstScores = Path.Combine(folder, "first.csv"), secondScores = Path.Combine(folder, "second.csv");

        var one = Ae.Run("detect", "--model", trained.Model, "--input", first, "--out", firstScores, "--explain", "1", "--summary", Path.Combine(folder, "summary.json"));
        var two = Ae.Run("detect", "--model", trained.Model, "--input", second, "--out", secondScores);
        var onTraining = Ae.Run("detect", "--model", trained.Model, "--data", trained.TrainData, "--out", Path.Combine(folder, "training.csv"));

        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.True(two.ExitCode == 0, two.ToString());
        Assert.True(onTraining.ExitCode == 0, onTraining.ToString());
        double expected = Calibration.Read(ModelFile.Load(trained.Model))!.Quantile(0.95);
        string thresholdLine = one.Output.Split('\n').Single(line => line.StartsWith("threshold ", StringComparison.Ordinal));
        Assert.Equal($"threshold {expected:G6}: the 0.95 quantile of the errors of 2,000 validation samples recorded at training", thresholdLine);
        Assert.Contains(thresholdLine, two.Output);
        Assert.Contains(thresholdLine, onTraining.Output);

        string[] lines = File.ReadAllLines(firstScores);
        Assert.Equal("index,score,flag,label,top_features", lines[0]);
        Assert.Equal(1011, lines.Length);
        bool[] flags = [.. lines.Skip(1).Select(line => line.Split(',')[2] == "1")];
        double normalShare = flags.Take(1000).Count(f => f) / 1000.0;
        Assert.InRange(normalShare, 0.03, 0.07);
        Assert.All(flags.Skip(1000), Assert.True);
        Assert.All(lines.Skip(1001), line => Assert.Matches(@",planted,x\d:", line));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        Assert.Equal(expected, summary.RootElement.GetProperty("threshold").GetDouble());
        Assert.Equal("validation", summary.RootElement.GetProperty("calibration").GetString());
        Assert.Equal(301, File.ReadAllLines(secondScores).Length);
        FileAssert.NoTemporaryFiles(folder);
    }

    [Fact]
    public void ScoresAreTheModelsErrorsWhateverTheColumnOrder()
    {
        string folder = trained.NewFolder();
        float[][] rows = NormalRows(new Random(11), 50);
        string inOrder = WriteRows(Path.Combine(folder, "a.csv"), Columns, rows, labels: null);
        string reordered = WriteRows(Path.Combine(folder, "b.csv"), ["x4", "x3", "x2", "x1"], [.. rows.Select(r => new[] { r[3], r[2], r[1], r[0] })], labels: null);

        Assert.Equal(0, Ae.Run("detect", "--model", trained.Model, "--input", inOrder, "--out", Path.Combine(folder, "a-scores.csv")).ExitCode);
        Assert.Equal(0, Ae.Run("detect", "--model", trained.Model, "--input", reordered, "--out", Path.Combine(folder, "b-scores.csv")).ExitCode);

        double[] Scores(string file) => [.. File.ReadLines(Path.Combine(folder, file)).Skip(1).Select(line => double.Parse(line.Split(',')[1], CultureInfo.InvariantCulture))];
        var detector = AnomalyDetector.FromModel(ModelFile.Load(trained.Model));
        Assert.Equal(detector.Score(rows), Scores("a-scores.csv"));
        Assert.Equal(Scores("a-scores.csv"), Scores("b-scores.csv"));
    }

    [Fact]
    public void EncodeAndReconstructEveryRow()
    {
        string folder = trained.NewFolder();
        float[][] rows = NormalRows(new Random(5), 20);
        string input = WriteRows(Path.Combine(folder, "rows.csv"), [.. Columns, "label"], rows, [.. Enumerable.Range(0, 20).Select(i => $"r{i}")]);
        string codes = Path.Combine(folder, "codes.csv"), reconstructions = Path.Combine(folder, "reconstructions.csv");

        var encode = Ae.Run("encode", "--model", trained.Model, "--input", input, "--out", codes);
        var reconstruct = Ae.Run("reconstruct", "--model", trained.Model, "--input", input, "--out", reconstructions);

        Assert.True(encode.ExitCode == 0, encode.ToString());
        Assert.True(reconstruct.ExitCode == 0, reconstruct.ToString());
        var loaded = ModelFile.Load(trained.Model);
        var model = (Autoencoder)loaded.Model;
        var preprocessing = ModelPreprocessing.Read(loaded);
        var scaled = preprocessing.Apply(new Dataset([.. rows.SelectMany(r => r)], 4));
        float[] expectedCodes = model.Encode(scaled);
        string[] codeLines = File.ReadAllLines(codes);
        Assert.Equal("z1,z2,label", codeLines[0]);
        Assert.Equal(21, codeLines.Length);
        Assert.Equal(expectedCodes, codeLines.Skip(1).SelectMany(line => line.Split(',')[..2].Select(cell => float.Parse(cell, CultureInfo.InvariantCulture))));
        Assert.EndsWith(",r19", codeLines[^1]);
        float[] expected = model.Reconstruct(scaled);
        preprocessing.Scaler!.InverseTransform(expected); // in the input's units
        string[] lines = File.ReadAllLines(reconstructions);
        Assert.Equal("x1,x2,x3,x4,label", lines[0]);
        Assert.Equal(expected, lines.Skip(1).SelectMany(line => line.Split(',')[..4].Select(cell => float.Parse(cell, CultureInfo.InvariantCulture))));
        Assert.Contains("on every row of", reconstruct.Output);
    }

    [Fact]
    public void AModelFileWithoutARecordStillWorksWithData()
    {
        string folder = trained.NewFolder();
        string old = WriteWithoutRecord(Path.Combine(folder, "old.safetensors"));
        string input = WriteRows(Path.Combine(folder, "rows.csv"), Columns, NormalRows(new Random(2), 30), labels: null);

        var withData = Ae.Run("detect", "--model", old, "--data", trained.TrainData, "--out", Path.Combine(folder, "data-scores.csv"));
        var withInput = Ae.Run("detect", "--model", old, "--input", input, "--out", Path.Combine(folder, "input-scores.csv"));
        var fixedThreshold = Ae.Run("detect", "--model", old, "--input", input, "--threshold", "0.01", "--out", Path.Combine(folder, "fixed-scores.csv"));

        Assert.True(withData.ExitCode == 0, withData.ToString());
        Assert.Contains("holds no record of its training errors", withData.Output);
        Assert.Contains("the 0.95 quantile of the errors of 5,000 training samples", withData.Output);
        FileAssert.IsBadInput(withInput, "retrain it with ae train, or pass --threshold X");
        Assert.False(File.Exists(Path.Combine(folder, "input-scores.csv")));
        Assert.True(fixedThreshold.ExitCode == 0, fixedThreshold.ToString());
        Assert.Contains("threshold 0.01: given by --threshold", fixedThreshold.Output);
    }

    [Theory]
    [InlineData("x1,x2,x3\n0.1,0.2,0.3\n", "no column \"x4\"")]
    [InlineData("x1,x2,x3,x4,x5\n0.1,0.2,0.3,0.4,0.5\n", "column \"x5\" is not one the model was trained on")]
    [InlineData("x1,x2,x3,x4\n0.1,0.2,0.3,0.4\n0.1,0.2,abc,0.4\n", "row 2, column \"x3\": expected a finite number, received \"abc\"")]
    [InlineData("x1,x2,x3,x4\n0.1,0.2,0.3\n", "row 1: expected 4 cells (as the header), received 3")]
    [InlineData("0.1,0.2,0.3,0.4\n", "no header: expected the training columns by name (x1,x2,x3,x4)")]
    public void BadRowsExitTwoWithNoOutput(string csv, string message)
    {
        string folder = trained.NewFolder(), outputs = Path.Combine(folder, "out");
        Directory.CreateDirectory(outputs);
        string input = Path.Combine(folder, "bad.csv");
        // Valid rows first, so that the error comes mid-file, after some output was written.
        File.WriteAllText(input, csv.Contains("abc") ? csv.Replace("0.1,0.2,abc", string.Concat(Enumerable.Repeat("0.1,0.2,0.3,0.4\n", 9000)) + "0.1,0.2,abc").Replace("row 2", "row 9,002") : csv);
        message = csv.Contains("abc") ? message.Replace("row 2", "row 9,002") : message;

        foreach (string command in new[] { "detect", "encode", "reconstruct" })
        {
            var result = Ae.Run(command, "--model", trained.Model, "--input", input, "--out", Path.Combine(outputs, "out.csv"));
            FileAssert.IsBadInput(result, $"{input}: {message}");
            FileAssert.NothingIn(outputs);
        }
    }

    [Fact]
    public void ATruncatedIdxFileExitsTwoWithNoOutput()
    {
        string folder = trained.NewFolder(), outputs = Path.Combine(folder, "out");
        Directory.CreateDirectory(outputs);
        string images = Path.Combine(folder, "images-idx3-ubyte");
        IdxWriter.Write(images, new IdxArray([3, 2, 2], new byte[12]), compress: false);
        byte[] whole = File.ReadAllBytes(images);
        File.WriteAllBytes(images, whole[..^5]);

        var result = Ae.Run("detect", "--model", trained.Model, "--input", images, "--out", Path.Combine(outputs, "scores.csv"));

        FileAssert.IsBadInput(result, images);
        FileAssert.NothingIn(outputs);
    }

    [Fact]
    public void InputRefusesDataOptions()
    {
        string folder = trained.NewFolder();
        var result = Ae.Run("detect", "--model", trained.Model, "--input", trained.TrainData, "--data", trained.TrainData, "--out", Path.Combine(folder, "s.csv"));
        FileAssert.IsBadInput(result, "--data: not with --input");
        FileAssert.IsBadInput(Ae.Run("detect", "--model", "pca:2", "--input", trained.TrainData, "--out", Path.Combine(folder, "s.csv")), "--model pca:2");
        FileAssert.IsBadInput(Ae.Run("detect", "--model", trained.Model, "--input", trained.TrainData, "--threshold", "lots", "--out", Path.Combine(folder, "s.csv")), "--threshold must be a finite number or max");
        FileAssert.NothingIn(folder);
    }

    [Fact]
    public void MaxIsTheLargestRecordedError()
    {
        string folder = trained.NewFolder();
        var result = Ae.Run("detect", "--model", trained.Model, "--input", trained.TrainData, "--threshold", "max", "--out", Path.Combine(folder, "s.csv"));

        Assert.True(result.ExitCode == 0, result.ToString());
        double max = Calibration.Read(ModelFile.Load(trained.Model))!.Max;
        Assert.Contains($"threshold {max:G6}: the largest error of 2,000 validation samples recorded at training", result.Output);
    }

    /// <summary>The trained model re-saved with every metadata entry but the records: a file from before them.</summary>
    private string WriteWithoutRecord(string path)
    {
        var loaded = ModelFile.Load(trained.Model);
        var metadata = loaded.Metadata.Where(entry => !entry.Key.StartsWith(Calibration.MetadataPrefix, StringComparison.Ordinal)
            && entry.Key != ModelPreprocessing.ColumnsKey).ToDictionary();
        ModelFile.Save(loaded.Model, path, metadata);
        return path;
    }

    /// <summary>(a, 0.8a + 0.2b, b, 0.3a − 0.7b) for a, b ~ N(0, 1): four columns on a 2-D plane.</summary>
    private static float[][] NormalRows(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ =>
        {
            double a = Gaussian(random), b = Gaussian(random);
            return new[] { (float)a, (float)(0.8 * a + 0.2 * b), (float)b, (float)(0.3 * a - 0.7 * b) };
        })];

    /// <summary>Normal rows with one column moved 5 standard deviations off the plane (up or down).</summary>
    private static float[][] AnomalousRows(Random random, int count)
    {
        float[][] rows = NormalRows(random, count);
        for (int i = 0; i < count; i++) rows[i][i % 4] += i % 2 == 0 ? 5f : -5f;
        return rows;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string WriteRows(string path, string[] header, float[][] rows, string[]? labels)
    {
        var csv = new StringBuilder(string.Join(",", header)).Append('\n');
        for (int i = 0; i < rows.Length; i++)
        {
            csv.AppendJoin(',', rows[i].Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            if (labels is not null) csv.Append(',').Append(labels[i]);
            csv.Append('\n');
        }
        File.WriteAllText(path, csv.ToString());
        return path;
    }
}
