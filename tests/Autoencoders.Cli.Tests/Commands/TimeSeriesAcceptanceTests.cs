using System.Globalization;
using System.Text;
using Autoencoders.Applications.Anomaly;
using Autoencoders.Applications.Series;
using Autoencoders.Data;
using Autoencoders.Nn.Serialization;
using Xunit.Abstractions;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary>
/// Issue 14's acceptance runs at full size (AE_ACCEPTANCE=1; minutes, not for CI), each writing a Markdown report to
/// $AE_ACCEPTANCE_OUT: the Keras example's setting re-created; real statsmodels series with the four injected
/// anomaly kinds for ts-conv, ts-lstm and the rolling z-score baseline, and the settings that meet the bar on three seeds;
/// the ts-vae's generated period.
/// </summary>
public sealed class TimeSeriesAcceptanceTests(ITestOutputHelper log)
{
    private static readonly AnomalyKind[] Kinds = [AnomalyKind.Spike, AnomalyKind.LevelShift, AnomalyKind.Flat, AnomalyKind.ChangedPeriod];

    /// <summary>
    /// A real series, where its training part ends, the windows to try, the length of the injected stretches (steps), and
    /// how the models see it: the values, their differences at a lag (--difference), or windows centred on their own mean (--center-windows).
    /// </summary>
    private sealed record RealSeries(string Name, string Description, string Path, string TrainUntil, int[] Windows, int AnomalyLength, int Difference = 0, bool Centered = false)
    {
        public string Transform => Centered ? "centred windows" : Difference > 0 ? $"differences at lag {Difference}" : "values";

        public string[] TransformOptions => Centered ? ["--center-windows"] : ["--difference", Difference.ToString(CultureInfo.InvariantCulture)];
    }

    [AcceptanceFact]
    public void KerasSettingFlagsTheJump()
    {
        string folder = Folder("keras");
        const int steps = 14 * 288, jumpStart = 2900, jumpLength = 288;
        string train = SeriesFiles.Periodic(Path.Combine(folder, "train.csv"), steps, 288, noise: 0.5, seed: 1);
        string test = SeriesFiles.Periodic(Path.Combine(folder, "test.csv"), steps, 288, noise: 0.5, seed: 2, jumpStart, jumpLength, jumpHeight: 10);
        string labels = SeriesFiles.Labels(Path.Combine(folder, "labels.csv"), jumpStart, jumpStart + jumpLength - 1);
        // The example's fit: 50 epochs, batch 128, validation_split 0.1, EarlyStopping(patience 5), Adam 1e-3.
        var run = Ae.Run("timeseries", "train", "--data", train, "--model", "ts-conv", "--window", "288", "--epochs", "50", "--batch", "128",
            "--validation-split", "0.1", "--early-stopping", "5", "--out", Path.Combine(folder, "model"));
        Assert.True(run.ExitCode == 0, run.ToString());
        var detect = Ae.Run("timeseries", "detect", "--model", Path.Combine(folder, "model"), "--data", test, "--labels", labels,
            "--out", Path.Combine(folder, "ranges.csv"), "--plot", Path.Combine(folder, "anomalies.png"));
        Assert.True(detect.ExitCode == 0, detect.ToString());

        var report = new StringBuilder("# The Keras example's setting, re-created\n\n")
            .Append(CultureInfo.InvariantCulture, $"14 days of 5-minute steps (v = 20 + 10 sin(2πt/288) + 0.5 z), test with +10 over steps {jumpStart}–{jumpStart + jumpLength - 1}; ts-conv, window 288, threshold max training MAE.\n\n```\n")
            .Append(run.Output.Split('\n').Last(l => l.StartsWith("epoch", StringComparison.Ordinal))).Append('\n')
            .Append(detect.Output).Append("```\n");
        Write(folder, report);
        var (model, series) = (ModelFile.Load(Path.Combine(folder, "model", "model.safetensors")), TimeSeriesCsv.Read(test));
        var detection = SeriesDetector.FromModel(model).Detect(series);
        var evaluation = RangeEvaluation.Evaluate(detection.Flags, RangesCsv.ReadLabels(labels, series));
        Assert.Equal(1, evaluation.RangesHit);
        Assert.True(evaluation.FarthestFlagDistance <= 288, evaluation.Describe());
    }

    [AcceptanceFact]
    public void RealSeriesWithInjectedAnomalies()
    {
        Assert.True(StatsmodelsSeries.IsInstalled, $"{StatsmodelsSeries.Folder} is missing (apt-get install python3-statsmodels)");
        string folder = Folder("real");
        string elnino = StatsmodelsSeries.Elnino(Path.Combine(folder, "elnino.csv")), co2 = StatsmodelsSeries.Co2(Path.Combine(folder, "co2.csv"));
        string orders = StatsmodelsSeries.ElecEquip(Path.Combine(folder, "elec_equip.csv"));
        // Windows: whole seasons, at least 24 steps (elnino 2 × 12 months, co2 1 × 52 weeks), and twice that; sunspots'
        // cycle of about 11 years rounded up to a multiple of 4 for ts-conv (24, 44).
        RealSeries[] all =
        [
            new("sunspots", "yearly 1700–2008, train to 1900", StatsmodelsSeries.Sunspots, "1900", [24, 44], 11),
            new("sunspots", "yearly 1700–2008, train to 1900", StatsmodelsSeries.Sunspots, "1900", [24, 44], 11, Centered: true),
            new("elnino", "monthly 1950–2010, train to 1989", elnino, "1989-12", [24, 48], 12),
            new("elnino", "monthly 1950–2010, train to 1989", elnino, "1989-12", [24, 48], 12, Centered: true),
            // The trend carries the test part's level past every training value: as values every test window is anomalous.
            // Yearly differences x[t] − x[t − 52] remove trend and season (and repeat each anomaly 52 steps later);
            // centred windows remove the level and keep the season's shape.
            new("co2", "weekly 1958–2001, train to 1989", co2, "19891231", [24, 52], 13, Difference: 52),
            new("co2", "weekly 1958–2001, train to 1989", co2, "19891231", [24, 52], 13, Centered: true),
            // Its test part holds a real anomaly, the orders' fall of 2008–09 by a quarter.
            new("elec_equip", "monthly 1995–2016, train to 2007", orders, "2007-12", [24, 36], 12, Centered: true),
        ];
        var report = new StringBuilder("# Real series with injected anomalies\n\n")
            .Append("Each kind injected alone into the test part (after --train-until; never seen in training, early stopping on the last 10 % of the training windows), ")
            .Append("in its middle: a spike of 4σ, a level shift of 2σ over L steps, a flat stretch of L steps, half speed over 2L steps (L: sunspots 11, elnino and elec_equip 12, co2 13; ")
            .Append("σ: the test part's standard deviation, for co2 mostly its trend). Models: 100 epochs at most, batch 32, Adam 0.002, early stopping 10, window error MSE; ")
            .Append("the baseline: |x − rolling mean| / rolling std over the window before each step, on the raw values.\n\n")
            .Append("Each cell: hit (yes/no), share of normal steps flagged, F1. Settings: max = threshold the largest training window error (the Keras example's), ")
            .Append("q.99 = the 0.99 quantile of the training window errors; all / any = the point rule, every or one of the windows covering a step above the threshold ")
            .Append("(the baseline scores steps, so the rule does not apply; its threshold is the largest or the 0.99 quantile of its training scores).\n\n");
        var positions = new StringBuilder("Injected ranges (steps of the test part, and their timestamps):\n\n");
        var table = new StringBuilder("| series | models see | kind | model | max, all | q.99, all | max, any |\n|---|---|---|---|---|---|---|\n");
        var meets = new List<string>();
        var baselineDone = new HashSet<string>();
        foreach (var real in all)
        {
            var whole = TimeSeriesCsv.Read(real.Path);
            int trainSteps = whole.CountUntil(SeriesTime.Parse(real.TrainUntil, whole.IsIsoTime)!.Value);
            string series = $"{real.Name} ({real.Description})";
            if (baselineDone.Add(real.Name))
                positions.Append(CultureInfo.InvariantCulture, $"- {real.Name}: ").AppendJoin("; ", Kinds.Select(kind =>
                {
                    var (test, range) = Injected(whole, trainSteps, kind, real.AnomalyLength);
                    return $"{AnomalyInjection.Name(kind)} {range.Start}–{range.End} ({test.TimeTexts[range.Start]}–{test.TimeTexts[range.End]})";
                })).Append('\n');
            foreach (int window in real.Windows)
            foreach (string preset in new[] { "ts-conv", "ts-lstm" })
            {
                string modelFolder = Path.Combine(folder, $"{real.Name}-{(real.Centered ? "centred" : real.Difference > 0 ? $"lag{real.Difference}" : "values")}-{preset}-{window}");
                string[] train = ["timeseries", "train", "--data", real.Path, "--model", preset, "--window", window.ToString(CultureInfo.InvariantCulture),
                    "--train-until", real.TrainUntil, .. real.TransformOptions, "--epochs", "100", "--batch", "32", "--lr", "0.002",
                    "--validation-split", "0.1", "--early-stopping", "10", "--error", "mse", "--out", modelFolder];
                var run = Ae.Run(train);
                Assert.True(run.ExitCode == 0, run.ToString());
                log.WriteLine(run.Output);
                var model = ModelFile.Load(Path.Combine(modelFolder, "model.safetensors"));
                var (max, quantile) = (SeriesDetector.FromModel(model, ThresholdRule.Max), SeriesDetector.FromModel(model, ThresholdRule.Quantile(0.99)));
                var evaluations = Kinds.Select(kind =>
                {
                    var (test, labelled) = Injected(whole, trainSteps, kind, real.AnomalyLength);
                    return new[] { max.Detect(test), quantile.Detect(test), max.Detect(test, PointRule.AnyWindow) }.Select(d => RangeEvaluation.Evaluate(d.Flags, [labelled])).ToArray();
                }).ToArray();
                Rows(table, meets, series, real.Transform, $"{preset}, W {window}", evaluations);
            }
            if (!baselineDone.Add(real.Name + "/baseline")) continue;
            foreach (int window in real.Windows)
            {
                var evaluations = Kinds.Select(kind =>
                {
                    var max = Baseline(whole, trainSteps, kind, real.AnomalyLength, window, null);
                    return new[] { max, Baseline(whole, trainSteps, kind, real.AnomalyLength, window, 0.99), max };
                }).ToArray();
                Rows(table, meets, series, "raw values", $"rolling z-score, W {window}", evaluations);
            }
        }
        report.Append(positions).Append('\n').Append(table)
            .Append("\nMeet the bar (every kind hit, at most 5 % of normal steps flagged, at one setting): ")
            .Append(meets.Count == 0 ? "none" : string.Join("; ", meets)).Append('\n');
        Write(folder, report);
    }

    [AcceptanceFact]
    public void RealSeriesSettingsThatMeetTheBarAcrossSeeds()
    {
        Assert.True(StatsmodelsSeries.IsInstalled, $"{StatsmodelsSeries.Folder} is missing (apt-get install python3-statsmodels)");
        string folder = Folder("real-seeds");
        (string Name, string Path, string TrainUntil, int Window, int AnomalyLength)[] all =
        [
            ("elnino", StatsmodelsSeries.Elnino(Path.Combine(folder, "elnino.csv")), "1989-12", 24, 12),
            ("co2", StatsmodelsSeries.Co2(Path.Combine(folder, "co2.csv")), "19891231", 52, 13),
        ];
        var report = new StringBuilder("# ts-lstm, centred windows, window MSE, rule all: three seeds\n\n")
            .Append("The settings of the real-series run (100 epochs at most, batch 32, Adam 0.002, validation split 0.1, early stopping 10) with --seed 0, 1, 2; ")
            .Append("each cell: hit (yes/no) and the share of normal steps flagged, at threshold max / at the 0.99 quantile of the training window errors.\n\n")
            .Append("| series | seed | spike | level-shift | flat | changed-period |\n|---|---|---|---|---|---|\n");
        foreach (var (name, path, trainUntil, window, anomalyLength) in all)
        {
            var whole = TimeSeriesCsv.Read(path);
            int trainSteps = whole.CountUntil(SeriesTime.Parse(trainUntil, whole.IsIsoTime)!.Value);
            foreach (int seed in new[] { 0, 1, 2 })
            {
                string modelFolder = Path.Combine(folder, $"{name}-seed{seed}");
                var run = Ae.Run("timeseries", "train", "--data", path, "--model", "ts-lstm", "--window", window.ToString(CultureInfo.InvariantCulture), "--train-until", trainUntil,
                    "--center-windows", "--error", "mse", "--epochs", "100", "--batch", "32", "--lr", "0.002", "--validation-split", "0.1", "--early-stopping", "10",
                    "--seed", seed.ToString(CultureInfo.InvariantCulture), "--out", modelFolder);
                Assert.True(run.ExitCode == 0, run.ToString());
                var model = ModelFile.Load(Path.Combine(modelFolder, "model.safetensors"));
                var (max, quantile) = (SeriesDetector.FromModel(model, ThresholdRule.Max), SeriesDetector.FromModel(model, ThresholdRule.Quantile(0.99)));
                report.Append(CultureInfo.InvariantCulture, $"| {name} (W {window}) | {seed} |");
                foreach (var kind in Kinds)
                {
                    var (test, labelled) = Injected(whole, trainSteps, kind, anomalyLength);
                    var (atMax, atQuantile) = (RangeEvaluation.Evaluate(max.Detect(test).Flags, [labelled]), RangeEvaluation.Evaluate(quantile.Detect(test).Flags, [labelled]));
                    report.Append(CultureInfo.InvariantCulture, $" {Cell(atMax)} / {Cell(atQuantile)} |");
                }
                report.Append('\n');
            }
        }
        Write(folder, report);
    }

    private static string Cell(RangeEvaluation e) => string.Create(CultureInfo.InvariantCulture, $"{(e.RangesHit == 1 ? "yes" : "**no**")} {100 * e.NormalFlaggedShare:F1} %");

    [AcceptanceFact]
    public void VaeSamplesHaveTheTrainingPeriod()
    {
        string folder = Folder("vae");
        string elnino = StatsmodelsSeries.Elnino(Path.Combine(folder, "elnino.csv"));
        string synthetic = SeriesFiles.Periodic(Path.Combine(folder, "daily.csv"), 14 * 288, 288, noise: 0.5, seed: 1);
        var report = new StringBuilder("# ts-vae: dominant period of generated windows\n\n```\n");
        foreach (var (data, window) in new[] { (elnino, "48"), (synthetic, "576") })
        {
            string model = Path.Combine(folder, Path.GetFileNameWithoutExtension(data));
            var train = Ae.Run("timeseries", "train", "--data", data, "--model", "ts-vae", "--window", window, "--epochs", "60", "--lr", "0.002", "--out", model);
            Assert.True(train.ExitCode == 0, train.ToString());
            var generate = Ae.Run("timeseries", "generate", "--model", model, "--count", "256", "--out", model + "-samples.csv", "--plot", model + "-samples.png");
            Assert.True(generate.ExitCode == 0, generate.ToString());
            report.Append(generate.Output.Split('\n')[0]).Append('\n');
        }
        Write(folder, report.Append("```\n"));
    }

    // The test part with one anomaly of the kind in its middle: a spike of 4σ, a level shift of 2σ over L steps,
    // a flat stretch of L steps, a changed period (half speed) over 2L steps.
    private static (TimeSeries Test, AnomalyRange Range) Injected(TimeSeries whole, int trainSteps, AnomalyKind kind, int anomalyLength)
    {
        var test = whole.Slice(trainSteps, whole.Length - trainSteps);
        int length = kind switch { AnomalyKind.Spike => 1, AnomalyKind.ChangedPeriod => 2 * anomalyLength, _ => anomalyLength };
        double magnitude = kind == AnomalyKind.Spike ? 4 : 2;
        var (values, range) = AnomalyInjection.Inject(test.Values, test.ChannelCount, kind, test.Length / 2 - length / 2, length, magnitude);
        return (test.WithValues(values), range);
    }

    /// <param name="quantile">The threshold's quantile of the training part's scores; null: their maximum.</param>
    private static RangeEvaluation Baseline(TimeSeries whole, int trainSteps, AnomalyKind kind, int anomalyLength, int window, double? quantile)
    {
        var (test, range) = Injected(whole, trainSteps, kind, anomalyLength);
        float[] values = [.. whole.Values[..(trainSteps * whole.ChannelCount)], .. test.Values];
        double[] scores = RollingZScore.Scores(values, whole.ChannelCount, window);
        double[] training = [.. scores[..trainSteps].Where(double.IsFinite)];
        double threshold = quantile is { } q ? Applications.Anomaly.AnomalyThreshold.FromQuantile(training, q) : training.Max();
        bool[] flags = [.. scores[trainSteps..].Select(s => s > threshold)];
        return RangeEvaluation.Evaluate(flags, [range]);
    }

    private static readonly string[] Settings = ["max, all", "q.99, all", "max, any"];

    // One row per kind (evaluations[kind][setting]); each setting under which every kind is hit with at most 5 % of the
    // normal steps flagged goes into the list of those meeting the bar.
    private static void Rows(StringBuilder table, List<string> meets, string series, string transform, string model, RangeEvaluation[][] evaluations)
    {
        for (int k = 0; k < Kinds.Length; k++)
        {
            table.Append(CultureInfo.InvariantCulture, $"| {series} | {transform} | {AnomalyInjection.Name(Kinds[k])} | {model} |");
            foreach (var e in evaluations[k])
                table.Append(CultureInfo.InvariantCulture, $" {(e.RangesHit == 1 ? "yes" : "**no**")}, {100 * e.NormalFlaggedShare:F1} %, {e.F1:F2} |");
            table.Append('\n');
        }
        for (int setting = 0; setting < Settings.Length; setting++)
            if (evaluations.All(e => e[setting].RangesHit == 1 && e[setting].NormalFlaggedShare <= 0.05))
                meets.Add($"{series.Split(' ')[0]} ({transform}) {model} at {Settings[setting]}");
    }

    private static string Folder(string name)
    {
        string folder = Path.Combine(AcceptanceFactAttribute.OutputFolder, "timeseries-" + name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private void Write(string folder, StringBuilder report)
    {
        File.WriteAllText(Path.Combine(folder, "report.md"), report.ToString());
        log.WriteLine(report.ToString());
    }
}
