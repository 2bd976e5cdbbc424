using Autoencoders.Applications.Anomaly;
using Autoencoders.Data.Tests;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;
using Autoencoders.Tensors;

namespace Autoencoders.Applications.Tests.Anomaly;

public sealed class CalibrationTests
{
    [Fact]
    public void SmallRecordsKeepEveryErrorAndAnswerQuantilesAsNumPy()
    {
        double[] scores = [.. Enumerable.Range(0, 1000).Select(i => Math.Exp(-i % 97 / 10.0))];
        var record = Calibration.FromScores(scores, Calibration.TrainingSource);

        Assert.True(record.IsExact);
        Assert.Equal(1000, record.Count);
        Assert.Equal(1000, record.Values.Count);
        double[] stored = [.. scores.Select(s => (double)(float)s)]; // kept as float32
        foreach (double q in new[] { 0.0, 0.05, 0.5, 0.95, 0.999, 1.0 })
            Assert.Equal(q is > 0 and < 1 ? AnomalyThreshold.FromQuantile(stored, q) : q == 0 ? stored.Min() : stored.Max(), record.Quantile(q), 12);
        Assert.Equal(1.0, record.Max, 12);
        Assert.Equal(scores.Average(), record.Mean, 12);
        double std = Math.Sqrt(scores.Sum(s => (s - scores.Average()) * (s - scores.Average())) / scores.Length);
        Assert.Equal(std, record.Std, 12);
        Assert.Equal("1,000 training samples", record.Describe());
    }

    [Fact]
    public void LargeRecordsKeepTheExactQuantilesOfADenseGrid()
    {
        // 0, 1, …, 200,000: the q quantile is 200,000 q exactly, on the grid and between its points.
        double[] scores = [.. Enumerable.Range(0, 200_001).Reverse().Select(i => (double)i)];
        var record = Calibration.FromScores(scores, Calibration.ValidationSource);

        Assert.False(record.IsExact);
        Assert.Equal(Calibration.SketchQuantiles, record.Values.Count);
        Assert.Equal(200_001, record.Count);
        Assert.Equal(190_000, record.Quantile(0.95), 9);
        Assert.Equal(123_456.7, record.Quantile(0.6172835), 2);
        Assert.Equal(200_000, record.Max);
        Assert.Equal(100_000, record.Mean, 9);
    }

    [Fact]
    public void MetadataRoundTripsBitForBit()
    {
        double[] scores = [.. Enumerable.Range(1, 333).Select(i => 1.0 / i)];
        var record = Calibration.FromScores(scores, Calibration.ValidationSource);

        var back = Calibration.Parse(record.MetadataKey, record.ToMetadataValue());

        Assert.Equal("calibration.validation", record.MetadataKey);
        Assert.Equal(record.Values, back.Values);
        Assert.Equal((record.Source, record.Score, record.Count, record.Max, record.Mean, record.Std, record.IsExact),
            (back.Source, back.Score, back.Count, back.Max, back.Mean, back.Std, back.IsExact));
        Assert.Equal(record.ToMetadataValue(), back.ToMetadataValue());
    }

    [Fact]
    public void TheModelFileCarriesTheRecordsAndPrefersValidation()
    {
        using var folder = new TemporaryFolder();
        var model = new Autoencoder([new Dense(3, Activation.Relu)], [new Dense(6, Activation.Sigmoid)]);
        model.Build(new Shape(6), seed: 2);
        var training = Calibration.FromScores([0.1, 0.2, 0.3], Calibration.TrainingSource);
        var validation = Calibration.FromScores([0.4, 0.5], Calibration.ValidationSource);
        string path = folder.File("model.safetensors"), old = folder.File("old.safetensors");
        ModelFile.Save(model, path, new Dictionary<string, string>
        {
            [training.MetadataKey] = training.ToMetadataValue(),
            [validation.MetadataKey] = validation.ToMetadataValue(),
        });
        ModelFile.Save(model, old);

        var loaded = ModelFile.Load(path);
        Assert.Equal(Calibration.ValidationSource, Calibration.Read(loaded)!.Source);
        Assert.Equal(0.45, Calibration.Read(loaded)!.Quantile(0.5), 6);
        Assert.Equal(0.2, Calibration.Read(loaded.Metadata, Calibration.TrainingSource)!.Quantile(0.5), 6);
        Assert.Null(Calibration.Read(ModelFile.Load(old))); // written before records: still loads, without one
    }

    [Fact]
    public void ADamagedRecordNamesItsKey()
    {
        var record = Calibration.FromScores([0.1, 0.2, 0.3], Calibration.TrainingSource);
        string truncated = record.ToMetadataValue().Replace("\"count\":3", "\"count\":4");

        var error = Assert.Throws<InvalidDataException>(() => Calibration.Parse(record.MetadataKey, truncated));

        Assert.Equal("metadata \"calibration.training\": expected 4 float32 values for 4 samples, received 12 bytes", error.Message);
        Assert.Throws<ArgumentException>(() => Calibration.FromScores([0.1, double.NaN], Calibration.TrainingSource));
        Assert.Throws<ArgumentException>(() => Calibration.FromScores([0.1], "test"));
    }
}
