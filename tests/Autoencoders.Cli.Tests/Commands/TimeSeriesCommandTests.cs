using System.Globalization;
using Autoencoders.Applications.Series;
using Autoencoders.Data;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary>
/// <c>ae timeseries</c> end to end, the Keras example's setting at a small scale (a 32-step cycle for the 288-step day,
/// 14 cycles, window 32): trained on the normal series, it must flag the jump of the test series and nothing a window away.
/// </summary>
public sealed class TimeSeriesCommandTests(TimeSeriesCommandTests.Trained trained) : IClassFixture<TimeSeriesCommandTests.Trained>
{
    private const int Period = 32, Steps = 14 * Period, JumpStart = 8 * Period + 5, JumpLength = Period;

    /// <summary>ts-conv trained once on the normal series.</summary>
    public sealed class Trained : IDisposable
    {
        private readonly TemporaryFolder folder = new();

        public Trained()
        {
            Train = SeriesFiles.Periodic(folder.File("train.csv"), Steps, Period, noise: 0.3, seed: 1);
            Test = SeriesFiles.Periodic(folder.File("test.csv"), Steps, Period, noise: 0.3, seed: 2, JumpStart, JumpLength, jumpHeight: 10);
            Labels = SeriesFiles.Labels(folder.File("labels.csv"), JumpStart, JumpStart + JumpLength - 1);
            ModelFolder = folder.File("conv");
            TrainRun = Ae.Run("timeseries", "train", "--data", Train, "--model", "ts-conv", "--window", "32", "--epochs", "30", "--batch", "32",
                "--lr", "0.003", "--seed", "1", "--threads", "1", "--out", ModelFolder);
        }

        public string Train { get; }

        public string Test { get; }

        public string Labels { get; }

        public string ModelFolder { get; }

        public AeResult TrainRun { get; }

        public string File(string name) => folder.File(name);

        public void Dispose() => folder.Dispose();
    }

    [Fact]
    public void TrainingRecordsTheSeriesSettingsAndTheMaxTrainingError()
    {
        Assert.True(trained.TrainRun.ExitCode == 0, trained.TrainRun.ToString());
        Assert.Contains($"{Steps} steps × 1 channel (value), regular, every 5 min", trained.TrainRun.Output);
        Assert.Contains("ts-conv (9,505 parameters", trained.TrainRun.Output); // the convolutions do not depend on the window length
        var loaded = ModelFile.Load(Path.Combine(trained.ModelFolder, "model.safetensors"));
        var settings = SeriesModelSettings.Read(loaded.Metadata)!;
        Assert.Equal((32, 1, "mae"), (settings.Window, settings.Stride, settings.MeasureName));
        Assert.Equal(20, settings.Scaler.Mean[0], 0.5); // the series' level, 20 ± a little noise
        Assert.Equal(10 / Math.Sqrt(2), settings.Scaler.Deviation[0], 0.3); // a sine of amplitude 10 has std 10/√2
        var detector = SeriesDetector.FromModel(loaded);
        Assert.Equal(Steps - 32 + 1, Applications.Anomaly.Calibration.Read(loaded)!.Count);
        Assert.Contains("the largest error of 417 training windows (mae)", detector.ThresholdDescription);
        Assert.True(System.IO.File.Exists(Path.Combine(trained.ModelFolder, "loss.png")));
    }

    [Fact]
    public void DetectFlagsTheJumpAndNothingAWindowAway()
    {
        string ranges = trained.File("ranges.csv"), plot = trained.File("anomalies.png");

        var run = Ae.Run("timeseries", "detect", "--model", trained.ModelFolder, "--data", trained.Test, "--labels", trained.Labels, "--out", ranges, "--plot", plot);

        Assert.True(run.ExitCode == 0, run.ToString());
        string[] lines = System.IO.File.ReadAllLines(ranges);
        Assert.Equal("start,end,peak_score", lines[0]);
        Assert.True(lines.Length >= 2, run.ToString());
        var found = lines.Skip(1).Select(line => line.Split(',')).Select(cells => (Start: Step(cells[0]), End: Step(cells[1]), Peak: double.Parse(cells[2], CultureInfo.InvariantCulture))).ToList();
        Assert.Contains(found, r => r.Start <= JumpStart + JumpLength - 1 && r.End >= JumpStart); // overlaps the jump
        Assert.All(found, r => Assert.True(r.Start >= JumpStart - 32 && r.End <= JumpStart + JumpLength - 1 + 32, $"range {r} lies more than a window from the jump"));
        Assert.Contains("labels, all covering windows: precision", run.Output);
        Assert.Contains("1 of 1 labelled ranges hit", run.Output);
        Assert.True(new FileInfo(plot).Length > 10_000);
    }

    [Fact]
    public void DifferenceIsSavedInTheModelAndDetectReportsTheSeriesOwnSteps()
    {
        string folder = trained.File("differenced"), ranges = trained.File("differenced.csv");

        var train = Ae.Run("timeseries", "train", "--data", trained.Train, "--model", "ts-conv", "--window", "32", "--difference", "1", "--epochs", "2",
            "--seed", "1", "--threads", "1", "--out", folder);
        var detect = Ae.Run("timeseries", "detect", "--model", folder, "--data", trained.Test, "--out", ranges);
        var vae = Ae.Run("timeseries", "train", "--data", trained.Train, "--model", "ts-vae", "--window", "32", "--difference", "1", "--out", trained.File("vae"));

        Assert.True(train.ExitCode == 0 && detect.ExitCode == 0, train + "\n" + detect);
        var loaded = ModelFile.Load(Path.Combine(folder, "model.safetensors"));
        var settings = SeriesModelSettings.Read(loaded.Metadata)!;
        Assert.Equal(1, settings.Difference);
        Assert.Equal(0, settings.Scaler.Mean[0], 0.1); // the differences of a level series average about 0
        Assert.Equal(Steps - 1 - 32 + 1, Applications.Anomaly.Calibration.Read(loaded)!.Count); // one difference fewer than steps
        Assert.Equal(Steps - 1 - 32 + 1, SeriesDetector.FromModel(loaded).Detect(TimeSeriesCsv.Read(trained.Test)).WindowScores.Length);
        Assert.Equal(2, vae.ExitCode);
        Assert.Contains("--difference does not apply to ts-vae", vae.Error);
        Assert.False(Directory.Exists(trained.File("vae")));
    }

    [Fact]
    public void TrainingWritesItsMetrics()
    {
        using var metrics = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(trained.ModelFolder, "metrics.json")));
        var root = metrics.RootElement;
        var calibration = Applications.Anomaly.Calibration.Read(ModelFile.Load(Path.Combine(trained.ModelFolder, "model.safetensors")))!;

        Assert.Equal(("ts-conv", 32, 417, "mae"), (root.GetProperty("model").GetString(), root.GetProperty("window").GetInt32(),
            root.GetProperty("training_windows").GetInt32(), root.GetProperty("error").GetString()));
        Assert.Equal(calibration.Max, root.GetProperty("threshold").GetDouble()); // detect's default, the largest training window error
        Assert.Equal(calibration.Mean, root.GetProperty("training_error_mean").GetDouble());
        Assert.Equal(0, root.GetProperty("validation_windows").GetInt32()); // trained on the whole file, without --validation-split
        Assert.InRange(root.GetProperty("epochs").GetInt32(), 1, 30);
        Assert.True(root.GetProperty("final_loss").GetDouble() < 0.5, metrics.RootElement.ToString()); // z-scored: 1 would be learning nothing
        Assert.True(root.GetProperty("train_seconds").GetDouble() > 0);
        Assert.Contains("metrics.json", trained.TrainRun.Output);
    }

    [Fact]
    public void CentredWindowsAreSavedInTheModelAndRejectedForTheVae()
    {
        string folder = trained.File("centred");

        var train = Ae.Run("timeseries", "train", "--data", trained.Train, "--model", "ts-conv", "--window", "32", "--center-windows", "--epochs", "1",
            "--seed", "1", "--threads", "1", "--out", folder);
        var vae = Ae.Run("timeseries", "train", "--data", trained.Train, "--model", "ts-vae", "--window", "32", "--center-windows", "--out", trained.File("centred-vae"));

        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.True(SeriesModelSettings.Read(ModelFile.Load(Path.Combine(folder, "model.safetensors")).Metadata)!.Centered);
        Assert.Equal(2, vae.ExitCode);
        Assert.Contains("--center-windows does not apply to ts-vae", vae.Error);
        Assert.False(Directory.Exists(trained.File("centred-vae")));
    }

    [Fact]
    public void EveryStricterThresholdFlagsFewerSteps()
    {
        var max = Ae.Run("timeseries", "detect", "--model", trained.ModelFolder, "--data", trained.Test, "--out", trained.File("max.csv"));
        var quantile = Ae.Run("timeseries", "detect", "--model", trained.ModelFolder, "--data", trained.Test, "--out", trained.File("q.csv"), "--threshold-quantile", "0.5", "--point-rule", "any");

        Assert.True(max.ExitCode == 0 && quantile.ExitCode == 0, max + "\n" + quantile);
        Assert.Contains("(the largest error of 417 training windows (mae))", max.Output);
        Assert.Contains("the 0.5 quantile of the errors of 417 training windows (mae)", quantile.Output);
        Assert.True(FlaggedSteps(quantile.Output) > FlaggedSteps(max.Output), max.Output + quantile.Output);
    }

    [Fact]
    public void SummaryOfTsConvShowsTheKerasExamplesParameterCount()
    {
        var run = Ae.Run("summary", "ts-conv", "--input-size", "288");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Total params: 9,505", run.Output);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("detect")]
    [InlineData("generate")]
    public void EverySubcommandDescribesEveryOption(string name)
    {
        var command = CliApp.CreateRoot(TextWriter.Null).Subcommands.Single(c => c.Name == "timeseries").Subcommands.Single(c => c.Name == name);

        var run = Ae.Run("timeseries", name, "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(command.Description!, run.Output);
        Assert.All(command.Options.Where(o => o.Name != "--help"), option =>
        {
            Assert.Contains(option.Name, run.Output);
            Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{option.Name} has no help text");
        });
    }

    private static int Step(string time) =>
        (int)Math.Round((DateTime.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) - SeriesFiles.Start).TotalMinutes / 5);

    private static int FlaggedSteps(string output)
    {
        var match = System.Text.RegularExpressions.Regex.Match(output, @"([\d,]+) steps flagged");
        return int.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }
}
