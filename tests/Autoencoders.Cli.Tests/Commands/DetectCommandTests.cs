using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoencoders.Applications.Metrics;
using Autoencoders.Data;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary>
/// <c>ae train --classes</c> and <c>ae detect</c>: on the tiny image folder, classes 0–7 are normal and 8, 9 the
/// anomalies; on a CSV file, rows that break the columns' correlation are. Every figure is recomputed here from the
/// model file or the scores CSV.
/// </summary>
public sealed class DetectCommandTests(DetectCommandTests.Trained trained) : IClassFixture<DetectCommandTests.Trained>
{
    private static readonly int[] NormalClasses = [0, 1, 2, 3, 4, 5, 6, 7];

    /// <summary>A dense autoencoder trained by <c>ae train --classes 0,…,7</c> on the tiny image folder.</summary>
    public sealed class Trained : IDisposable
    {
        private readonly TemporaryFolder folder = new();

        public Trained()
        {
            DataFolder = TinyImageFolder.Write(folder.File("data"));
            Model = Path.Combine(folder.File("dense"), "model.safetensors");
            TrainRun = Ae.Run("train", "--data", DataFolder, "--model", "dense", "--classes", "7,0,1,2,3,4,5,6", "--epochs", "3",
                "--seed", "1", "--threads", "1", "--out", folder.File("dense"));
        }

        public string DataFolder { get; }

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

    private sealed record ScoreRow(int Index, double Score, bool Flag, int? Label, string? TopFeatures);

    [Fact]
    public void TrainingOnClassesUsesOnlyThoseSamplesAndRecordsThem()
    {
        Assert.True(trained.TrainRun.ExitCode == 0, trained.TrainRun.ToString());
        Assert.Contains("training on classes 0,1,2,3,4,5,6,7 only (240 samples)", trained.TrainRun.Output);
        Assert.Equal("0,1,2,3,4,5,6,7", ModelFile.Load(trained.Model).Metadata["training.classes"]);
        Assert.False(ModelFile.Load(trained.Model).Metadata.ContainsKey("preprocessing.minmax")); // images stay as they are
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(trained.Model)!, "metrics.json")));
        Assert.Equal(240, metrics.RootElement.GetProperty("train_samples").GetInt32());
        Assert.Equal(TinyImageFolder.TestCount, metrics.RootElement.GetProperty("test_samples").GetInt32()); // the test split stays whole
    }

    [Fact]
    public void ScoresFlagsAndSummaryAgreeWithTheModelAndTheMetrics()
    {
        string folder = trained.NewFolder();
        string csv = Path.Combine(folder, "scores.csv"), summaryPath = Path.Combine(folder, "summary.json");
        string histogram = Path.Combine(folder, "histogram.png"), roc = Path.Combine(folder, "roc.png");

        var result = Ae.Run("detect", "--model", trained.Model, "--data", trained.DataFolder, "--out", csv, "--summary", summaryPath,
            "--histogram", histogram, "--roc", roc, "--threads", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        // The default threshold: the 0.95 quantile of the errors of the 240 normal training samples (classes from the model file).
        var model = (Autoencoder)ModelFile.Load(trained.Model).Model;
        var split = DatasetCatalog.Load(trained.DataFolder);
        double expectedThreshold = Quantile(MeanSquaredErrors(model, split.Train.WhereLabelIn(NormalClasses)), 0.95);
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        JsonElement root = summary.RootElement;
        double threshold = root.GetProperty("threshold").GetDouble();
        Assert.Equal(expectedThreshold, threshold, 1e-6 * expectedThreshold);
        Assert.Equal(240, root.GetProperty("reference_samples").GetInt32());

        ScoreRow[] rows = ReadScores(csv);
        Assert.Equal(TinyImageFolder.TestCount, rows.Length);
        Assert.Equal(Enumerable.Range(0, rows.Length), rows.Select(r => r.Index));
        Assert.Equal(TinyImageFolder.TestLabels, rows.Select(r => r.Label!.Value));
        double[] expectedScores = MeanSquaredErrors(model, split.Test!);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(expectedScores[i], rows[i].Score, 1e-6 * expectedScores[i]);
            Assert.Equal(rows[i].Score > threshold, rows[i].Flag);
        }

        int flagged = rows.Count(r => r.Flag);
        Assert.Equal(flagged, root.GetProperty("flagged").GetInt32());
        double[] scores = [.. rows.Select(r => r.Score)];
        bool[] anomalous = [.. rows.Select(r => r.Label >= 8)];
        Assert.Equal(20, root.GetProperty("anomalies").GetInt32());
        Assert.Equal(RankingMetrics.RocAuc(scores, anomalous), root.GetProperty("roc_auc").GetDouble(), 12);
        Assert.Equal(RankingMetrics.AveragePrecision(scores, anomalous), root.GetProperty("pr_auc").GetDouble(), 12);
        var (precision, recall) = RankingMetrics.AtThreshold(scores, anomalous, threshold);
        Assert.Equal(precision, root.GetProperty("precision").GetDouble(), 12);
        Assert.Equal(recall, root.GetProperty("recall").GetDouble(), 12);
        Assert.Contains($"flagged {flagged:N0} of 100 test samples", result.Output);
        Assert.Contains("ROC-AUC", result.Output);
        FileAssert.IsPng(histogram);
        FileAssert.IsPng(roc);
        FileAssert.NoTemporaryFiles(folder);
    }

    [Fact]
    public void InputOnTheTestImagesGivesTheThresholdAndScoresOfData()
    {
        // The Fashion-MNIST acceptance on the tiny folder: --data scores the t10k split, --input the t10k images file alone.
        string folder = trained.NewFolder();
        string fromData = Path.Combine(folder, "data.csv"), fromFile = Path.Combine(folder, "file.csv"), fromFolder = Path.Combine(folder, "folder.csv");
        string images = TinyImageFolder.File(trained.DataFolder, "t10k-images-idx3-ubyte", compressed: true);

        var data = Ae.Run("detect", "--model", trained.Model, "--data", trained.DataFolder, "--out", fromData, "--threads", "1");
        var file = Ae.Run("detect", "--model", trained.Model, "--input", images, "--out", fromFile, "--threads", "1");
        var whole = Ae.Run("detect", "--model", trained.Model, "--input", trained.DataFolder, "--out", fromFolder, "--threads", "1");

        Assert.True(data.ExitCode == 0, data.ToString());
        Assert.True(file.ExitCode == 0, file.ToString());
        Assert.True(whole.ExitCode == 0, whole.ToString());
        string threshold = data.Output.Split('\n').Single(line => line.StartsWith("threshold ", StringComparison.Ordinal));
        Assert.Equal("the 0.95 quantile of the errors of 240 normal (classes 0,1,2,3,4,5,6,7) training samples recorded at training", threshold[(threshold.IndexOf(':') + 2)..]);
        Assert.Contains(threshold, file.Output);
        Assert.Contains(threshold, whole.Output);
        ScoreRow[] expected = ReadScores(fromData), scored = ReadScores(fromFile), withLabels = ReadScores(fromFolder);
        Assert.Equal(TinyImageFolder.TestCount, scored.Length);
        Assert.Equal(expected.Select(r => (r.Score, r.Flag)), scored.Select(r => (r.Score, r.Flag)));
        Assert.Equal(expected, withLabels); // the folder's t10k labels come along
    }

    [Fact]
    public void AFixedThresholdIsUsedAsGiven()
    {
        string folder = trained.NewFolder();
        string csv = Path.Combine(folder, "scores.csv"), summaryPath = Path.Combine(folder, "summary.json");
        double median = Quantile(MeanSquaredErrors((Autoencoder)ModelFile.Load(trained.Model).Model, DatasetCatalog.Load(trained.DataFolder).Test!), 0.5);
        string given = median.ToString("R", CultureInfo.InvariantCulture);

        var result = Ae.Run("detect", "--model", trained.Model, "--data", trained.DataFolder, "--threshold", given, "--out", csv, "--summary", summaryPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        Assert.Equal(median, summary.RootElement.GetProperty("threshold").GetDouble());
        ScoreRow[] rows = ReadScores(csv);
        Assert.All(rows, r => Assert.Equal(r.Score > median, r.Flag));
        Assert.InRange(rows.Count(r => r.Flag), 45, 55); // about half of the test samples lie above their median
    }

    [Fact]
    public void PcaOnTheNormalClassesSeparatesTheUnseenSquares()
    {
        // Each class is a square in its own place: 8 components span the normal squares, not those of classes 8 and 9.
        string folder = trained.NewFolder();
        string csv = Path.Combine(folder, "scores.csv"), summaryPath = Path.Combine(folder, "summary.json");

        var result = Ae.Run("detect", "--model", "pca:8", "--data", trained.DataFolder, "--normal-classes", "0,1,2,3,4,5,6,7",
            "--contamination", "0.02", "--out", csv, "--summary", summaryPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        Assert.True(summary.RootElement.GetProperty("roc_auc").GetDouble() > 0.99, File.ReadAllText(summaryPath));
        Assert.True(summary.RootElement.GetProperty("recall").GetDouble() > 0.9, File.ReadAllText(summaryPath));
        Assert.Equal("pca", summary.RootElement.GetProperty("model").GetString());
        ScoreRow[] rows = ReadScores(csv);
        Assert.True(rows.Where(r => r.Label >= 8).Average(r => r.Score) > 3 * rows.Where(r => r.Label < 8).Average(r => r.Score));
    }

    [Fact]
    public void ExplainListsTheLargestSquaredErrorsOfFlaggedSamples()
    {
        string csv = Path.Combine(trained.NewFolder(), "scores.csv");

        var result = Ae.Run("detect", "--model", trained.Model, "--data", trained.DataFolder, "--threshold-quantile", "0.5", "--explain", "3", "--out", csv);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("index,score,flag,label,top_features", File.ReadLines(csv).First());
        var model = (Autoencoder)ModelFile.Load(trained.Model).Model;
        Dataset test = DatasetCatalog.Load(trained.DataFolder).Test!;
        float[] reconstructions = model.Reconstruct(test);
        ScoreRow[] rows = ReadScores(csv);
        Assert.Contains(rows, r => r.Flag);
        foreach (var row in rows)
        {
            if (!row.Flag)
            {
                Assert.Equal("", row.TopFeatures);
                continue;
            }
            // The three pixels with the largest (x − x̂)², by brute force over all 784.
            int[] expected = [.. Enumerable.Range(0, test.FeatureCount)
                .Select(j => (Pixel: j, Error: Math.Pow(test.Row(row.Index)[j] - reconstructions[row.Index * test.FeatureCount + j], 2)))
                .OrderByDescending(p => p.Error).ThenBy(p => p.Pixel).Take(3).Select(p => p.Pixel)];
            string[] parts = row.TopFeatures!.Split(';');
            Assert.Equal(expected.Select(p => $"px{p}"), parts.Select(part => part.Split(':')[0]));
            double[] errors = [.. parts.Select(part => double.Parse(part.Split(':')[1], CultureInfo.InvariantCulture))];
            Assert.Equal(errors.OrderByDescending(e => e), errors);
        }
    }

    [Fact]
    public void TabularColumnsAreScaledAsInTrainingAndOutliersFlagged()
    {
        string folder = trained.NewFolder();
        string data = WriteCorrelatedCsv(Path.Combine(folder, "parts.csv"), out float[] normalMinimum, out float[] normalMaximum);
        string modelFolder = Path.Combine(folder, "model"), csv = Path.Combine(folder, "scores.csv");

        var train = Ae.Run("train", "--data", data, "--model", "dense", "--classes", "0", "--epochs", "2", "--threads", "1", "--out", modelFolder);
        Assert.True(train.ExitCode == 0, train.ToString());
        var loaded = ModelFile.Load(Path.Combine(modelFolder, "model.safetensors"));
        Assert.Equal("0", loaded.Metadata["training.classes"]);
        using (var saved = JsonDocument.Parse(loaded.Metadata["preprocessing.minmax"]))
        {
            Assert.Equal(normalMinimum, saved.RootElement.GetProperty("minimum").EnumerateArray().Select(e => e.GetSingle()));
            Assert.Equal(normalMaximum, saved.RootElement.GetProperty("maximum").EnumerateArray().Select(e => e.GetSingle()));
        }

        var detect = Ae.Run("detect", "--model", Path.Combine(modelFolder, "model.safetensors"), "--data", data, "--out", csv);

        Assert.True(detect.ExitCode == 0, detect.ToString());
        // The scores are the model's errors on the rows scaled with the normal rows' minimum and maximum.
        Dataset all = CsvDatasetReader.Read(data, new CsvOptions { LabelColumn = "label" });
        float[] scaled = (float[])all.Features.Clone();
        for (int i = 0; i < scaled.Length; i++)
        {
            int column = i % 3;
            scaled[i] = (scaled[i] - normalMinimum[column]) / (normalMaximum[column] - normalMinimum[column]);
        }
        double[] expected = MeanSquaredErrors((Autoencoder)loaded.Model, new Dataset(scaled, 3));
        ScoreRow[] rows = ReadScores(csv);
        Assert.Equal(all.Count, rows.Length); // no test split: every row is scored
        // 1e-5 relative: this test scales by (x − min) / (max − min), the scaler multiplies by 1 / (max − min); the
        // float32 difference of an ulp survives the cancellation in x − x̂ as about 1e-6 of a small score.
        for (int i = 0; i < rows.Length; i++) Assert.Equal(expected[i], rows[i].Score, 1e-5 * expected[i] + 1e-12);
    }

    [Fact]
    public void PcaFlagsEveryTabularOutlierAndNamesItsColumns()
    {
        string folder = trained.NewFolder();
        string data = WriteCorrelatedCsv(Path.Combine(folder, "parts.csv"), out _, out _);
        string csv = Path.Combine(folder, "scores.csv"), summaryPath = Path.Combine(folder, "summary.json");

        var result = Ae.Run("detect", "--model", "pca:1", "--data", data, "--normal-classes", "0", "--explain", "2", "--out", csv, "--summary", summaryPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        ScoreRow[] rows = ReadScores(csv);
        Assert.All(rows.Where(r => r.Label == 1), r => Assert.True(r.Flag, $"outlier row {r.Index} (score {r.Score}) not flagged"));
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        Assert.Equal(1.0, summary.RootElement.GetProperty("roc_auc").GetDouble());
        Assert.Equal(1.0, summary.RootElement.GetProperty("recall").GetDouble());
        // An outlier's length goes against its mass and width: the error sits in named columns, length among the top two.
        Assert.All(rows.Where(r => r.Label == 1), r =>
        {
            string[] names = [.. r.TopFeatures!.Split(';').Select(part => part.Split(':')[0])];
            Assert.Subset(new HashSet<string> { "mass", "length", "width" }, names.ToHashSet());
            Assert.Contains("length", names);
        });
    }

    [Theory]
    [InlineData("--contamination", "1.5")]
    [InlineData("--contamination", "0")]
    [InlineData("--threshold-quantile", "0")]
    [InlineData("--threshold-quantile", "1")]
    [InlineData("--threshold-quantile", "-0.5")]
    [InlineData("--explain", "0")]
    [InlineData("--explain", "785")]
    [InlineData("--normal-classes", "42")]
    [InlineData("--normal-classes", "Bag")]
    public void OutOfRangeDetectOptions(string option, string value) => DetectFails(option, trained.Model, option, value);

    [Fact]
    public void ConflictingThresholdOptions() =>
        DetectFails("--threshold-quantile and --threshold", trained.Model, "--threshold-quantile", "0.9", "--threshold", "0.01");

    [Theory]
    [InlineData("pca:0")]
    [InlineData("pca:785")]
    [InlineData("pca:x")]
    public void BadPcaComponents(string model) => DetectFails($"--model {model}", model);

    [Fact]
    public void RocWithoutNormalClasses() => DetectFails("--roc", "pca:4", "--roc", "roc.png");

    [Fact]
    public void ClassesNeedLabels()
    {
        string folder = trained.NewFolder();
        string data = Path.Combine(folder, "unlabelled.csv");
        File.WriteAllText(data, "a,b\n0.1,0.2\n0.3,0.4\n0.5,0.1\n");
        var result = Ae.Run("train", "--data", data, "--classes", "0", "--epochs", "1", "--out", Path.Combine(folder, "out"));
        FileAssert.IsBadInput(result, "--classes");
        Assert.Contains("has no labels", result.Error);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("0,x")]
    [InlineData(" ")]
    public void UnknownTrainingClass(string classes)
    {
        string outFolder = Path.Combine(trained.NewFolder(), "out");
        var result = Ae.Run("train", "--data", trained.DataFolder, "--classes", classes, "--epochs", "1", "--out", outFolder);
        FileAssert.IsBadInput(result, "--classes");
        Assert.False(Directory.Exists(outFolder));
    }

    /// <summary>Runs detect with every output requested and expects bad input naming <paramref name="subject"/>, and no file.</summary>
    private void DetectFails(string subject, string model, params string[] extra)
    {
        string folder = trained.NewFolder();
        string[] outputs = ["--out", Path.Combine(folder, "scores.csv"), "--summary", Path.Combine(folder, "summary.json"), "--histogram", Path.Combine(folder, "h.png")];
        extra = [.. extra.Select(arg => arg == "roc.png" ? Path.Combine(folder, arg) : arg)];
        var result = Ae.Run(["detect", "--model", model, "--data", trained.DataFolder, .. outputs, .. extra]);
        FileAssert.IsBadInput(result, subject);
        FileAssert.NothingIn(folder);
    }

    private static ScoreRow[] ReadScores(string csv)
    {
        string[] lines = File.ReadAllLines(csv);
        string[] header = lines[0].Split(',');
        int label = Array.IndexOf(header, "label"), top = Array.IndexOf(header, "top_features");
        return [.. lines.Skip(1).Select(line =>
        {
            string[] cells = line.Split(',');
            Assert.Equal(header.Length, cells.Length);
            return new ScoreRow(int.Parse(cells[0], CultureInfo.InvariantCulture), double.Parse(cells[1], CultureInfo.InvariantCulture),
                cells[2] switch { "1" => true, "0" => false, var other => throw new FormatException($"flag {other}") },
                label < 0 ? null : int.Parse(cells[label], CultureInfo.InvariantCulture), top < 0 ? null : cells[top]);
        })];
    }

    /// <summary>(1/D) Σⱼ (xⱼ − x̂ⱼ)² of each sample, in double.</summary>
    private static double[] MeanSquaredErrors(Autoencoder model, Dataset samples)
    {
        float[] reconstructions = model.Reconstruct(samples);
        var errors = new double[samples.Count];
        for (int i = 0; i < samples.Count; i++)
        {
            double sum = 0;
            for (int j = 0; j < samples.FeatureCount; j++)
                sum += Math.Pow(samples.Features[i * samples.FeatureCount + j] - reconstructions[i * samples.FeatureCount + j], 2);
            errors[i] = sum / samples.FeatureCount;
        }
        return errors;
    }

    /// <summary>NumPy's default quantile: linear between the order statistics around (n − 1)q.</summary>
    private static double Quantile(double[] values, double q)
    {
        double[] sorted = [.. values.Order()];
        double position = (sorted.Length - 1) * q;
        int below = (int)position;
        return below + 1 < sorted.Length ? sorted[below] + (position - below) * (sorted[below + 1] - sorted[below]) : sorted[below];
    }

    /// <summary>
    /// Columns in different units that all follow t ∈ [0, 1]: mass = 1000 t, length = 2 t, width = 5 − 3 t, with 1 %
    /// noise (label 0). Ten outliers (label 1) have length = 2 (1 − t), far from the line for t away from ½.
    /// </summary>
    private static string WriteCorrelatedCsv(string path, out float[] normalMinimum, out float[] normalMaximum)
    {
        var random = new Random(3);
        var csv = new StringBuilder("mass,length,label,width\n");
        normalMinimum = [float.MaxValue, float.MaxValue, float.MaxValue];
        normalMaximum = [float.MinValue, float.MinValue, float.MinValue];
        for (int row = 0; row < 120; row++)
        {
            bool outlier = row % 12 == 5;
            double t = outlier ? (row % 24 < 12 ? 0.05 + 0.02 * (row % 5) : 0.85 + 0.02 * (row % 5)) : random.NextDouble();
            double Noise(double scale) => scale * 0.01 * (random.NextDouble() - 0.5);
            float[] values = [(float)(1000 * t + Noise(1000)), (float)(2 * (outlier ? 1 - t : t) + Noise(2)), (float)(5 - 3 * t + Noise(3))];
            csv.Append(CultureInfo.InvariantCulture, $"{values[0]:R},{values[1]:R},{(outlier ? 1 : 0)},{values[2]:R}\n");
            if (outlier) continue;
            for (int j = 0; j < 3; j++)
            {
                normalMinimum[j] = Math.Min(normalMinimum[j], values[j]);
                normalMaximum[j] = Math.Max(normalMaximum[j], values[j]);
            }
        }
        File.WriteAllText(path, csv.ToString());
        return path;
    }
}
