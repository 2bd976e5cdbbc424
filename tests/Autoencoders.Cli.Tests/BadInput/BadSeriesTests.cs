namespace Autoencoders.Cli.Tests.BadInput;

/// <summary>Bad series exit 2 with one line naming the file and line, and leave no output folder or file behind.</summary>
public sealed class BadSeriesTests
{
    [Theory]
    [InlineData("value\n1\n2\n", "line 1: no timestamp column")]
    [InlineData("timestamp,value\n2024-01-01T00:00:00,1\n2024-01-01T00:05:00,one\n", "line 3, column \"value\": expected a number, received \"one\"")]
    [InlineData("timestamp,value\n2024-01-01T00:05:00,1\n2024-01-01T00:00:00,2\n", "line 3, column \"timestamp\": timestamps must increase")]
    [InlineData("timestamp,value\n2024-01-01T00:00:00,1\n2024-01-01T00:05:00,\n", "line 3, column \"value\": missing value")]
    [InlineData("timestamp,value\n2024-01-01T00:00:00,1\n2024-01-01T00:05:00,2\n", "--window 8: longer than the series")]
    public void TrainRejectsTheSeriesAndWritesNothing(string csv, string expected)
    {
        using var folder = new TemporaryFolder();
        string data = folder.WriteText("bad.csv", csv), output = folder.File("out");

        var run = Ae.Run("timeseries", "train", "--data", data, "--window", "8", "--epochs", "1", "--out", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains(expected, run.Error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void MissingValuesAreFilledWhenAsked()
    {
        using var folder = new TemporaryFolder();
        var csv = new System.Text.StringBuilder("timestamp,value\n");
        for (int t = 0; t < 40; t++) csv.Append($"{SeriesFiles.Time(t)},{(t == 7 ? "" : (t % 8).ToString())}\n");
        string data = folder.WriteText("gap.csv", csv.ToString());

        var run = Ae.Run("timeseries", "train", "--data", data, "--model", "ts-conv", "--window", "8", "--epochs", "1", "--fill", "linear", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(Path.Combine(folder.File("out"), "model.safetensors")));
    }

    [Fact]
    public void DetectRejectsAWindowLongerThanTheSeriesAndWritesNoRanges()
    {
        using var folder = new TemporaryFolder();
        string train = SeriesFiles.Periodic(folder.File("train.csv"), 64, 16, 0.1, 1), shortSeries = SeriesFiles.Periodic(folder.File("short.csv"), 12, 16, 0.1, 2);
        Assert.Equal(0, Ae.Run("timeseries", "train", "--data", train, "--window", "16", "--epochs", "1", "--out", folder.File("m")).ExitCode);
        string ranges = folder.File("ranges.csv");

        var run = Ae.Run("timeseries", "detect", "--model", folder.File("m"), "--data", shortSeries, "--out", ranges);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains("--window 16: longer than the series", run.Error);
        Assert.False(File.Exists(ranges));
    }

    [Fact]
    public void CodeSizeDoesNotApplyToTheKerasModel()
    {
        using var folder = new TemporaryFolder();
        string train = SeriesFiles.Periodic(folder.File("train.csv"), 64, 16, 0.1, 1);

        var run = Ae.Run("timeseries", "train", "--data", train, "--model", "ts-conv", "--code", "4", "--window", "16", "--out", folder.File("m"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--code does not apply to ts-conv", run.Error);
        Assert.False(Directory.Exists(folder.File("m")));
    }

    [Fact]
    public void DetectNeedsATimeSeriesModel()
    {
        using var folder = new TemporaryFolder();
        string rows = folder.WriteText("rows.csv", "a,b\n0.1,0.2\n0.3,0.4\n0.5,0.6\n0.7,0.8\n");
        Assert.Equal(0, Ae.Run("train", "--data", rows, "--model", "dense", "--code", "1", "--epochs", "1", "--out", folder.File("dense")).ExitCode);
        string series = SeriesFiles.Periodic(folder.File("s.csv"), 64, 16, 0.1, 1);

        var run = Ae.Run("timeseries", "detect", "--model", folder.File("dense"), "--data", series, "--out", folder.File("ranges.csv"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a time-series model", run.Error);
        Assert.False(File.Exists(folder.File("ranges.csv")));
    }

    [Fact]
    public void TrainUntilBeforeTheFirstStepIsABadArgument()
    {
        using var folder = new TemporaryFolder();
        string train = SeriesFiles.Periodic(folder.File("train.csv"), 64, 16, 0.1, 1);

        var run = Ae.Run("timeseries", "train", "--data", train, "--window", "16", "--train-until", "2000-01-01", "--out", folder.File("m"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--train-until 2000-01-01: before the first step", run.Error);
    }
}
