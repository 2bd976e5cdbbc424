using Autoencoders.Applications.Anomaly;
using Autoencoders.Data;
using Autoencoders.Data.Tests;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;
using Autoencoders.Tensors;

namespace Autoencoders.Applications.Tests.Anomaly;

public sealed class AnomalyDetectorTests
{
    // Raw columns in [0, 10] and [−5, 5]: the scaler maps both to [0, 1] before the halving codec, whose error is x'²/4.
    private static readonly ModelPreprocessing Scaled = new(new MinMaxScaler([0f, -5f], [10f, 5f]), ["a", "b"], null);

    private static AnomalyDetector Halving(double threshold) => new(new HalvingCodec(2), Scaled, threshold, "test");

    [Fact]
    public void ScoresRawRowsInTheModelsPreprocessing()
    {
        var detector = Halving(0.1);
        // (10, 5) scales to (1, 1): (1/4 + 1/4) / 2 = 0.25; (0, −5) to (0, 0): 0; (5, 0) to (0.5, 0.5): 0.0625.
        double[] scores = detector.Score([[10f, 5f], [0f, -5f], [5f, 0f]]);

        Assert.Equal([0.25, 0, 0.0625], scores);
        Assert.Equal([true, false, false], scores.Select(detector.IsAnomaly));
    }

    [Fact]
    public void EveryEntryPointGivesTheSameScoresAcrossBatches()
    {
        // 2,500 rows: two full batches of 1,024 and a tail.
        var random = new Random(3);
        float[][] rows = [.. Enumerable.Range(0, 2500).Select(_ => new[] { (float)(random.NextDouble() * 10), (float)(random.NextDouble() * 10 - 5) })];
        float[] flat = [.. rows.SelectMany(r => r)];
        var detector = Halving(0.1);

        double[] fromRows = detector.Score(rows);
        double[] fromSource = detector.Score(new Dataset((float[])flat.Clone(), 2));
        var fromSpan = new double[rows.Length];
        detector.Score(flat, fromSpan);

        Assert.Equal(2500, fromRows.Length);
        Assert.Equal(fromRows, fromSource);
        Assert.Equal(fromRows, fromSpan);
        double a = (rows[2499][0] - 0) / 10.0, b = (rows[2499][1] + 5) / 10.0;
        Assert.Equal((a * a + b * b) / 8, fromRows[2499], 6);
        Assert.Equal(flat, rows.SelectMany(r => r).ToArray()); // the caller's rows are left raw
    }

    [Fact]
    public void ExplainNamesTheColumnsWithTheLargestErrors()
    {
        var detector = Halving(0.1);

        FeatureError[] top = detector.Explain([2f, 5f], 2); // scaled (0.2, 1): squared errors 0.01, 0.25

        Assert.Equal([1, 0], top.Select(e => e.Feature));
        Assert.Equal(0.25, top[0].SquaredError, 6);
        Assert.Equal("b:0.25;a:0.01", detector.Describe(top));
        Assert.Equal("px3", new AnomalyDetector(new HalvingCodec(4), ModelPreprocessing.None, 1, "test").FeatureName(3));
        Assert.Throws<ArgumentException>(() => detector.Score([[1f, 2f, 3f]]));
    }

    [Fact]
    public void AModelFilesDetectorTakesItsThresholdFromTheRecord()
    {
        using var folder = new TemporaryFolder();
        var model = new Autoencoder([new Dense(3, Activation.Relu)], [new Dense(6, Activation.Sigmoid)]);
        model.Build(new Shape(6), seed: 2);
        var record = Calibration.FromScores([.. Enumerable.Range(1, 101).Select(i => i / 4.0)], Calibration.ValidationSource);
        string path = folder.File("model.safetensors"), old = folder.File("old.safetensors");
        ModelFile.Save(model, path, new Dictionary<string, string> { [record.MetadataKey] = record.ToMetadataValue(), [ModelPreprocessing.ClassesKey] = "0,1" });
        ModelFile.Save(model, old);

        var detector = AnomalyDetector.FromModel(ModelFile.Load(path));
        var strict = AnomalyDetector.FromModel(ModelFile.Load(path), ThresholdRule.Max);

        Assert.Equal(24.0, detector.Threshold, 12);
        Assert.Equal("the 0.95 quantile of the errors of 101 normal (classes 0,1) validation samples recorded at training", detector.ThresholdDescription);
        Assert.Equal(25.25, strict.Threshold);
        Assert.Equal([0, 1], detector.Preprocessing.TrainingClasses!);
        Assert.Throws<InvalidOperationException>(() => AnomalyDetector.FromModel(ModelFile.Load(old)));
        Assert.Equal(0.5, AnomalyDetector.FromModel(ModelFile.Load(old), ThresholdRule.Fixed(0.5)).Threshold);
    }
}
