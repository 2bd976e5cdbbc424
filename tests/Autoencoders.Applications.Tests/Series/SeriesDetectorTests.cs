using Autoencoders.Applications.Anomaly;
using Autoencoders.Applications.Series;
using Autoencoders.Applications.Tests.Anomaly;
using Autoencoders.Data;

namespace Autoencoders.Applications.Tests.Series;

public sealed class SeriesDetectorTests
{
    private static TimeSeries Series(float[] values) =>
        new([.. Enumerable.Range(0, values.Length).Select(t => (double)t)], [.. Enumerable.Range(0, values.Length).Select(t => $"t{t}")], ["v"], values, false, "test");

    [Fact]
    public void ScalesCutsScoresAndMergesAsTheSettingsSay()
    {
        // Raw values 10 ± 2·z: the scaler gives back z. One step at z = 8 among zeros; halving makes each window's MAE
        // (1/W) Σ |z|/2, so the 4 windows of 4 covering step 6 score 1 and the others 0.
        float[] raw = new float[12];
        Array.Fill(raw, 10f);
        raw[6] = 26f;
        var settings = new SeriesModelSettings("halving", ["v"], null, Window: 4, Stride: 1, ReconstructionMeasure.MeanAbsolute, new SeriesScaler([10f], [2f]));
        var detector = new SeriesDetector(new HalvingCodec(4), settings, threshold: 0.5, "test");

        var all = detector.Detect(Series(raw), PointRule.AllWindows);
        var any = detector.Detect(Series(raw), PointRule.AnyWindow);

        Assert.Equal([0, 0, 0, 1, 1, 1, 1, 0, 0], all.WindowScores);
        Assert.Equal([new AnomalyRange(6, 6, 1)], all.Ranges); // only step 6 has every covering window above
        Assert.Equal([new AnomalyRange(3, 9, 1)], any.Ranges);
        Assert.Equal(4, all.WindowsAbove);
    }

    [Fact]
    public void DifferencedModelFlagsTheSeriesOwnSteps()
    {
        // A trend 10 + 2t with +16 at step 6: the differences are 2 (z 0 with mean 2, std 2) but for steps 6 (+16, z 8)
        // and 7 (−16, z −8). Difference i is step i + 1, so the 9 windows of 4 differences score
        // [0, 0, 1, 2, 2, 2, 1, 0, 0] and the rule all flags differences 5 and 6: steps 6 and 7. Step 0 has no difference.
        float[] raw = [.. Enumerable.Range(0, 13).Select(t => 10f + 2 * t)];
        raw[6] += 16;
        var settings = new SeriesModelSettings("halving", ["v"], null, Window: 4, Stride: 1, ReconstructionMeasure.MeanAbsolute, new SeriesScaler([2f], [2f]), Difference: 1);
        var detector = new SeriesDetector(new HalvingCodec(4), settings, threshold: 0.5, "test");

        var all = detector.Detect(Series(raw), PointRule.AllWindows);

        Assert.Equal([0, 0, 1, 2, 2, 2, 1, 0, 0], all.WindowScores);
        Assert.Equal([new AnomalyRange(6, 7, 1)], all.Ranges);
        Assert.Equal(13, all.PointScores.Length);
        Assert.True(double.IsNaN(all.PointScores[0]));
        Assert.Equal(5, settings.StepsNeeded);
    }

    [Fact]
    public void SettingsRoundTripThroughMetadata()
    {
        var settings = new SeriesModelSettings("ts-conv", ["a", "b"], "when", 288, 2, ReconstructionMeasure.MeanSquared, new SeriesScaler([1f, 2f], [3f, 4f]), Difference: 52, Centered: true);

        var read = SeriesModelSettings.Read(settings.ToMetadata())!;
        var older = new Dictionary<string, string>(settings.ToMetadata())
        {
            [SeriesModelSettings.SettingsKey] = """{"preset":"ts-conv","channels":["a","b"],"time_column":null,"window":288,"stride":2,"measure":"mse"}""",
        };

        Assert.Equal(52, read.Difference);
        Assert.True(read.Centered);
        Assert.Equal((0, false), (SeriesModelSettings.Read(older)!.Difference, SeriesModelSettings.Read(older)!.Centered)); // a model written before --difference and --center-windows

        Assert.Equal(("ts-conv", "when", 288, 2, ReconstructionMeasure.MeanSquared), (read.Preset, read.TimeColumn, read.Window, read.Stride, read.Measure));
        Assert.Equal(["a", "b"], read.Channels);
        Assert.Equal([3f, 4f], read.Scaler.Deviation);
        Assert.Null(SeriesModelSettings.Read(new Dictionary<string, string>()));
    }

    [Fact]
    public void LabelsAreReadAsTheStepsTheyCover()
    {
        using var folder = new Data.Tests.TemporaryFolder();
        string path = folder.WriteText("labels.csv", "start,end\n2.5,4\n7,7\n");

        var ranges = RangesCsv.ReadLabels(path, Series(new float[10]));

        Assert.Equal([new AnomalyRange(3, 4, double.NaN), new AnomalyRange(7, 7, double.NaN)], ranges);
        Assert.Equal("start,end,peak_score\nt3,t4,0.25\n", RangesCsv.Format([new AnomalyRange(3, 4, 0.25)], Series(new float[10])));
        string bad = folder.WriteText("bad.csv", "start,end\n20,30\n");
        Assert.Contains("line 2: the range 20 to 30 covers no step", Assert.Throws<InvalidDataException>(() => RangesCsv.ReadLabels(bad, Series(new float[10]))).Message);
    }

    [Fact]
    public void MeanAbsoluteScoresAreRecordedUnderTheirName()
    {
        var record = Calibration.Measure(new HalvingCodec(2), new Dataset([2f, -4f, 0f, 0f], 2), Calibration.TrainingSource, ReconstructionMeasure.MeanAbsolute);

        Assert.Equal("mae", record.Score);
        Assert.Equal(1.5, record.Max); // (|2|/2 + |−4|/2) / 2
        Assert.Equal("mae", Calibration.Parse("k", record.ToMetadataValue()).Score);
    }
}
