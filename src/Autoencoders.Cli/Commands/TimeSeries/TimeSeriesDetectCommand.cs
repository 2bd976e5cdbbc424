using System.CommandLine;
using System.Globalization;
using System.Text;
using Autoencoders.Applications.Series;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Drawing;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae timeseries detect</c>: scores a series' windows with a model from <c>ae timeseries train</c>, flags the steps the
/// point rule makes anomalous, writes the merged ranges <c>start,end,peak_score</c>; with labels, point-wise precision,
/// recall and F1 under both rules and the share of labelled ranges hit.
/// </summary>
internal static class TimeSeriesDetectCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "a model written by ae timeseries train (DIR/model.safetensors, or DIR)", Required = true, HelpName = "FILE" };
        var data = new Option<string>("--data") { Description = "the series to search, with the model's value columns", Required = true, HelpName = "FILE" };
        var series = new SeriesOptions();
        var outFile = new Option<string>("--out") { Description = "the flagged ranges as CSV start,end,peak_score (timestamps as in --data, ends inclusive)", Required = true, HelpName = "FILE" };
        var labels = new Option<string?>("--labels") { Description = "true anomalous ranges, CSV start,end (timestamps, ends inclusive): prints precision, recall, F1 and ranges hit", HelpName = "FILE" };
        var plot = new Option<string?>("--plot") { Description = "PNG: the series with the flagged ranges shaded, and beneath it the error curve with its threshold", HelpName = "FILE" };
        var rule = new Option<string>("--point-rule")
        {
            Description = "all: a step is anomalous when every window covering it is above the threshold (the Keras example's rule); any: when one is",
            DefaultValueFactory = _ => "all", HelpName = "all|any",
        };
        rule.AcceptOnlyFromAmong("all", "any");
        var quantile = ThresholdOptions.Quantile();
        quantile.Description = "threshold at this quantile of the training windows' errors";
        var contamination = ThresholdOptions.Contamination();
        var threshold = ThresholdOptions.Threshold();
        threshold.Description = "threshold on the window error itself, or max: the largest training window error (the default, the Keras example's rule)";
        var command = new Command("detect", "Flag anomalous ranges of a series by the reconstruction error of its windows")
        {
            model, data, outFile, labels, plot, rule, quantile, contamination, threshold,
        };
        command.Options.Add(series.TimeColumn);
        command.Options.Add(series.Fill);
        command.SetAction(parsed =>
        {
            string outPath = parsed.GetValue(outFile)!;
            CommonOptions.RequireWritableFolderFor(outPath);
            if (parsed.GetValue(plot) is { } plotPath) CommonOptions.RequireWritableFolderFor(plotPath);
            if (parsed.GetValue(labels) is { } labelPath && !File.Exists(labelPath)) throw new UsageException($"--labels {labelPath}: no such file");
            var thresholdRule = parsed.GetValue(quantile) is null && parsed.GetValue(contamination) is null && parsed.GetValue(threshold) is null
                ? SeriesDetector.DefaultRule
                : ThresholdOptions.Parse(parsed.GetValue(contamination), parsed.GetValue(quantile), parsed.GetValue(threshold));
            string modelPath = ModelPath(parsed.GetValue(model)!);
            var loaded = ModelLoading.Load(modelPath);
            if (SeriesModelSettings.Read(loaded.Metadata) is null)
                throw new UsageException($"--model {modelPath}: not a time-series model (no \"{SeriesModelSettings.SettingsKey}\"); train one with ae timeseries train");
            var detector = SeriesDetector.FromModel(loaded, thresholdRule);
            var settings = detector.Settings;
            var test = series.Read(parsed, parsed.GetValue(data)!, settings.Channels, settings.TimeColumn);
            output.WriteLine($"ae timeseries detect: {SeriesOptions.Describe(test)}");
            SeriesOptions.RequireWindow(test, settings.StepsNeeded, "the series");
            var labelled = parsed.GetValue(labels) is { } l ? RangesCsv.ReadLabels(l, test) : null;
            var pointRule = parsed.GetValue(rule) == "any" ? PointRule.AnyWindow : PointRule.AllWindows;

            var detection = detector.Detect(test, pointRule);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{detection.WindowsAbove:N0} of {detection.WindowScores.Length:N0} windows above the threshold {detector.Threshold:G6} ({detector.ThresholdDescription}); " +
                $"{detection.Ranges.Count} range{(detection.Ranges.Count == 1 ? "" : "s")}, {detection.FlaggedSteps:N0} steps flagged ({RuleName(pointRule)} covering windows above)"));
            foreach (var range in detection.Ranges.Take(10))
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {test.TimeTexts[range.Start]} … {test.TimeTexts[range.End]}  ({range.Length} steps, peak {range.PeakScore:G4})"));
            if (detection.Ranges.Count > 10) output.WriteLine($"  … {detection.Ranges.Count - 10} more in {outPath}");
            if (labelled is not null)
                foreach (var each in new[] { PointRule.AllWindows, PointRule.AnyWindow })
                {
                    var flags = each == pointRule ? detection.Flags : AnomalyRange.ToFlags(AnomalyRange.Merge(settings.PointScores(detection.WindowScores, test.Length, each), detector.Threshold), test.Length);
                    output.WriteLine($"labels, {RuleName(each)} covering windows: {RangeEvaluation.Evaluate(flags, labelled).Describe()}");
                }

            AtomicFile.WriteAllBytes(outPath, Encoding.UTF8.GetBytes(RangesCsv.Format(detection.Ranges, test)));
            output.WriteLine($"wrote {outPath}");
            if (parsed.GetValue(plot) is { } png)
            {
                PngFile.Save(png, SeriesFigures.Anomalies(test, detection, detector.Settings.MeasureName));
                output.WriteLine($"wrote {png}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A model file, or the folder <c>ae timeseries train --out</c> wrote it in.</summary>
    internal static string ModelPath(string path) =>
        Directory.Exists(path) && File.Exists(Path.Combine(path, "model.safetensors")) ? Path.Combine(path, "model.safetensors") : path;

    private static string RuleName(PointRule rule) => rule == PointRule.AllWindows ? "all" : "any";
}
