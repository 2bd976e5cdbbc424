using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoencoders.Applications.Anomaly;
using Autoencoders.Applications.Codecs;
using Autoencoders.Applications.Metrics;
using Autoencoders.Data;
using Autoencoders.Drawing;
using Autoencoders.Nn.Baselines;
using Autoencoders.Nn.Models;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae detect</c>: anomaly detection by reconstruction error. Scores every test sample by its mean squared
/// reconstruction error, flags those above a threshold chosen on the errors of normal training samples, and with
/// labels measures how well the scores separate the normal classes from the rest.
/// </summary>
internal static class DetectCommand
{
    private const double DefaultQuantile = 0.95;
    private const string PcaPrefix = "pca:";

    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "a model file written by ae train (trained on normal data, e.g. with --classes), or pca:N for PCA with N components fitted on the normal training samples", Required = true, HelpName = "MODEL|pca:N" };
        var data = CommonOptions.Data();
        var normalClasses = new Option<string?>("--normal-classes") { Description = "the normal labels (or class names); the others are anomalies, which gives ROC-AUC, PR-AUC, precision and recall. Default: the model's training classes (ae train --classes), else none: every training sample is normal and no metrics", HelpName = "0,2,..." };
        var contamination = new Option<double?>("--contamination") { Description = "threshold that flags this fraction of the normal training samples (the 1 − F quantile of their errors)", HelpName = "F" };
        var quantile = new Option<double?>("--threshold-quantile") { Description = $"threshold at this quantile of the normal training samples' errors (default {DefaultQuantile.ToString(CultureInfo.InvariantCulture)})", HelpName = "Q" };
        var threshold = new Option<double?>("--threshold") { Description = "threshold on the error itself (flag: error > X)", HelpName = "X" };
        var outFile = new Option<string>("--out") { Description = "CSV per test sample: index, score (mean squared reconstruction error), flag (1: score > threshold), label, top_features", Required = true, HelpName = "scores.csv" };
        var explain = new Option<int?>("--explain") { Description = "add each flagged sample's K features (pixels pxJ, or CSV columns) with the largest squared errors", HelpName = "K" };
        var histogram = new Option<string?>("--histogram") { Description = "PNG histogram of the scores (normal and anomalous apart when labels are known) with the threshold", HelpName = "FILE.png" };
        var roc = new Option<string?>("--roc") { Description = "PNG of the ROC curve (needs normal classes and labels)", HelpName = "FILE.png" };
        var summary = new Option<string?>("--summary") { Description = "JSON: threshold, flagged, and with labels roc_auc, pr_auc, precision, recall", HelpName = "FILE.json" };
        var threads = CommonOptions.Threads();
        var command = new Command("detect", "Flag anomalies in a dataset's test split by their reconstruction error")
        {
            model, data, normalClasses, contamination, quantile, threshold, outFile, explain, histogram, roc, summary, threads,
        };
        command.SetAction(parsed =>
        {
            var rule = ThresholdRule.From(parsed.GetValue(contamination), parsed.GetValue(quantile), parsed.GetValue(threshold));
            if (parsed.GetValue(explain) is { } k) CommonOptions.Positive(k, "--explain");
            var outputs = new DetectOutputs(parsed.GetValue(outFile)!, parsed.GetValue(histogram), parsed.GetValue(roc), parsed.GetValue(summary));
            foreach (string path in outputs.All) CommonOptions.RequireWritableFolderFor(path);
            Run(parsed.GetValue(model)!, parsed.GetValue(data)!, parsed.GetValue(normalClasses), rule, parsed.GetValue(explain),
                outputs, CommonOptions.Threads(parsed.GetValue(threads)), output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Run(string modelText, string data, string? normalText, ThresholdRule rule, int? explain,
        DetectOutputs outputs, int threads, TextWriter output)
    {
        var (codec, split, trainingClasses) = LoadCodecAndData(modelText, data, threads);
        int[]? normal = normalText is null ? trainingClasses : ModelData.ParseClasses(normalText, split.Train, "--normal-classes", $"the training split of {data}");
        if (normal is not null && split.Train.Labels is null)
        {
            output.WriteLine($"note: {data} has no labels, so every training sample serves as normal, not only classes {ModelData.FormatClasses(normal)}");
            normal = null;
        }
        Dataset reference = normal is null ? split.Train : split.Train.WhereLabelIn(normal);
        if (reference.Count == 0)
            throw new UsageException($"{data}: no training samples of the normal classes {ModelData.FormatClasses(normal!)} to choose the threshold on");
        if (codec is null) // pca:N, fitted now on the normal samples
        {
            (codec, split, reference) = FitPca(modelText, data, split, reference, normal, CpuBackend.CreateDefault(threads));
        }
        double[] referenceScores = ReconstructionError.PerSample(codec, reference);
        double threshold = rule.Choose(referenceScores);

        Dataset scored = split.Test ?? split.Train;
        double[] scores = ReconstructionError.PerSample(codec, scored);
        bool[] flags = [.. scores.Select(s => s > threshold)];
        bool[]? positive = normal is null || scored.Labels is null ? null : [.. scored.Labels.Select(label => !normal.Contains(label))];
        var metrics = positive is not null && positive.Contains(true) && positive.Contains(false) ? DetectionMetrics.Measure(scores, positive, threshold) : null;
        if (outputs.Roc is not null && metrics is null)
            throw new UsageException($"--roc {outputs.Roc}: needs labelled test samples of both normal and other classes (set --normal-classes, or train with --classes)");
        if (explain is { } k && k > scored.FeatureCount)
            throw new UsageException($"--explain {k}: the samples have only {scored.FeatureCount} features");
        string[]? explanations = explain is { } count ? Explain(codec, scored, flags, count, ModelData.FeatureNamesOf(data, scored.FeatureCount)) : null;

        string ruleText = rule.Describe($"{reference.Count:N0} {(normal is null ? "" : $"normal (classes {ModelData.FormatClasses(normal)}) ")}training samples");
        int flagged = flags.Count(f => f);
        AtomicFile.WriteAllBytes(outputs.Scores, Encoding.UTF8.GetBytes(ScoresCsv(scores, flags, scored.Labels, explanations)));
        if (outputs.Histogram is not null) PngFile.Save(outputs.Histogram, Histogram(codec.Name, scores, positive, threshold));
        if (outputs.Roc is not null) PngFile.Save(outputs.Roc, RocPlot(codec.Name, scores, positive!, metrics!.RocAuc));
        if (outputs.Summary is not null)
            AtomicFile.WriteAllBytes(outputs.Summary, Summary(codec.Name, split.Description, scored.Count, reference.Count, normal, threshold, ruleText, flagged, metrics));

        output.WriteLine($"ae detect: {codec.Name} on {split.Description}");
        output.WriteLine($"threshold {threshold:G6}: {ruleText}");
        output.WriteLine($"flagged {flagged:N0} of {scored.Count:N0} {(split.Test is null ? "" : "test ")}samples ({(double)flagged / Math.Max(1, scored.Count):P1})");
        if (metrics is not null)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{metrics.Anomalies:N0} anomalies: ROC-AUC {metrics.RocAuc:F4}, PR-AUC {metrics.PrAuc:F4}; at the threshold precision {metrics.Precision:F4}, recall {metrics.Recall:F4}"));
        foreach (string path in outputs.All) output.WriteLine($"wrote {path}");
    }

    /// <summary>A model file with its data scaled as in training, or (null, raw data) for pca:N; and the model's training classes.</summary>
    private static (ICodec? Codec, DatasetSplit Split, int[]? TrainingClasses) LoadCodecAndData(string modelText, string data, int threads)
    {
        if (modelText.StartsWith(PcaPrefix, StringComparison.Ordinal))
            return (null, ModelData.LoadRaw(data), null);
        var loaded = AppliedModel.LoadModel(modelText, threads, out Autoencoder autoencoder);
        var split = ModelData.Load(data, loaded);
        if (split.Train.FeatureCount != autoencoder.InputShape.ElementCount)
            throw new UsageException($"{modelText}: the model expects samples of {autoencoder.InputShape.ElementCount} values, {split.Description} has {split.Train.FeatureCount}");
        return (new AutoencoderCodec(autoencoder), split, ModelData.TrainingClassesOf(loaded));
    }

    /// <summary>PCA on the normal training samples; CSV columns are min-max scaled on them first, as ae train scales them.</summary>
    private static (ICodec Codec, DatasetSplit Split, Dataset Reference) FitPca(string modelText, string data, DatasetSplit split, Dataset reference, int[]? normal, CpuBackend backend)
    {
        int features = split.Train.FeatureCount;
        if (!int.TryParse(modelText[PcaPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int components) || components < 1 || components > features)
            throw new UsageException($"--model {modelText}: expected pca:N with N components between 1 and {features} (the feature count)");
        if (reference.Count < 2)
            throw new UsageException($"--model {modelText}: PCA needs at least 2 normal training samples, {data} has {reference.Count}");
        if (ModelData.IsTabular(data))
        {
            split = ModelData.Apply(MinMaxScaler.Fit(reference), split);
            reference = normal is null ? split.Train : split.Train.WhereLabelIn(normal);
        }
        var pca = PrincipalComponents.Fit(reference.Features, features, components, backend);
        return (new PcaCodec(pca), split, reference);
    }

    /// <summary>"px12:0.41;px5:0.2" for each flagged sample (features by CSV column name where known), "" for the others.</summary>
    private static string[] Explain(ICodec codec, Dataset scored, bool[] flags, int count, IReadOnlyList<string>? names)
    {
        int[] flaggedRows = [.. Enumerable.Range(0, flags.Length).Where(i => flags[i])];
        var explanations = new string[flags.Length];
        Array.Fill(explanations, "");
        if (flaggedRows.Length == 0) return explanations;
        FeatureError[][] top = ReconstructionError.TopFeatures(codec, scored.Subset(flaggedRows), count);
        string prefix = scored.SampleShape is null ? "col" : "px";
        for (int i = 0; i < flaggedRows.Length; i++)
            explanations[flaggedRows[i]] = string.Join(";", top[i].Select(e =>
                string.Create(CultureInfo.InvariantCulture, $"{names?[e.Feature] ?? $"{prefix}{e.Feature}"}:{e.SquaredError:G4}")));
        return explanations;
    }

    private static string ScoresCsv(double[] scores, bool[] flags, int[]? labels, string[]? explanations)
    {
        var csv = new StringBuilder("index,score,flag");
        if (labels is not null) csv.Append(",label");
        if (explanations is not null) csv.Append(",top_features");
        csv.Append('\n');
        for (int i = 0; i < scores.Length; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},{scores[i]:R},{(flags[i] ? 1 : 0)}");
            if (labels is not null) csv.Append(',').Append(labels[i]);
            if (explanations is not null) csv.Append(',').Append(CsvCell(explanations[i]));
            csv.Append('\n');
        }
        return csv.ToString();
    }

    // Column names may hold commas or quotes: such a cell is quoted, its quotes doubled (RFC 4180).
    private static string CsvCell(string text) => text.Contains(',') || text.Contains('"') ? $"\"{text.Replace("\"", "\"\"")}\"" : text;

    private static RgbImage Histogram(string name, double[] scores, bool[]? positive, double threshold)
    {
        // Errors spread over orders of magnitude: a log axis shows the normal bulk and the anomalous tail alike.
        bool logX = threshold > 0 && scores.All(s => s > 0);
        var plot = new HistogramPlot
        {
            Title = $"{name}: errors of {scores.Length:N0} samples",
            XLabel = "MSE reconstruction error", // a log axis adds "log10( )" itself
            LogX = logX,
        };
        if (positive is null)
            plot.AddSeries("samples", scores);
        else
            plot.AddSeries("normal", [.. scores.Where((_, i) => !positive[i])]).AddSeries("anomalous", [.. scores.Where((_, i) => positive[i])]);
        return plot.AddVerticalLine(string.Create(CultureInfo.InvariantCulture, $"threshold {threshold:G4}"), threshold).Render();
    }

    private static RgbImage RocPlot(string name, double[] scores, bool[] positive, double auc)
    {
        var curve = RankingMetrics.RocCurve(scores, positive);
        return new LinePlot { Title = $"{name}: ROC, anomalies against normal classes", XLabel = "false positive rate", YLabel = "true positive rate" }
            .AddSeries(string.Create(CultureInfo.InvariantCulture, $"{name} (AUC {auc:F3})"), [.. curve.Select(p => p.FalsePositiveRate)], [.. curve.Select(p => p.TruePositiveRate)])
            .AddSeries("chance", [0.0, 1.0], [0.0, 1.0])
            .Render();
    }

    private static byte[] Summary(string model, string data, int samples, int referenceSamples, int[]? normal, double threshold, string rule, int flagged, DetectionMetrics? metrics)
    {
        var summary = new Dictionary<string, object?>
        {
            ["model"] = model,
            ["data"] = data,
            ["samples"] = samples,
            ["reference_samples"] = referenceSamples,
            ["normal_classes"] = normal,
            ["threshold"] = threshold,
            ["threshold_rule"] = rule,
            ["flagged"] = flagged,
            ["flagged_fraction"] = (double)flagged / Math.Max(1, samples),
        };
        if (metrics is not null)
        {
            summary["anomalies"] = metrics.Anomalies;
            summary["roc_auc"] = metrics.RocAuc;
            summary["pr_auc"] = metrics.PrAuc;
            summary["precision"] = metrics.Precision;
            summary["recall"] = metrics.Recall;
        }
        return JsonSerializer.SerializeToUtf8Bytes(summary, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The files to write; every folder is checked before any work starts.</summary>
    private sealed record DetectOutputs(string Scores, string? Histogram, string? Roc, string? Summary)
    {
        public IEnumerable<string> All => new[] { Scores, Histogram, Roc, Summary }.OfType<string>();
    }

    /// <summary>How well the scores separate anomalies (positives) from normal samples, and the threshold's precision and recall.</summary>
    private sealed record DetectionMetrics(int Anomalies, double RocAuc, double PrAuc, double Precision, double Recall)
    {
        public static DetectionMetrics Measure(double[] scores, bool[] positive, double threshold)
        {
            var (precision, recall) = RankingMetrics.AtThreshold(scores, positive, threshold);
            return new(positive.Count(p => p), RankingMetrics.RocAuc(scores, positive), RankingMetrics.AveragePrecision(scores, positive), precision, recall);
        }
    }

    /// <summary>One of --contamination, --threshold-quantile, --threshold (default: the 0.95 quantile), checked before any work.</summary>
    private sealed record ThresholdRule(double? Contamination, double? Quantile, double? Fixed)
    {
        public static ThresholdRule From(double? contamination, double? quantile, double? threshold)
        {
            string[] given = [.. new[] { (contamination, "--contamination"), (quantile, "--threshold-quantile"), (threshold, "--threshold") }
                .Where(option => option.Item1 is not null).Select(option => option.Item2)];
            if (given.Length > 1)
                throw new UsageException($"{string.Join(" and ", given)}: expected at most one of --contamination, --threshold-quantile, --threshold");
            if (contamination is { } f && !(f > 0 && f < 1)) throw new UsageException($"--contamination must be a fraction in (0, 1), received {f}");
            if (quantile is { } q && !(q > 0 && q < 1)) throw new UsageException($"--threshold-quantile must be in (0, 1), received {q}");
            if (threshold is { } x && !double.IsFinite(x)) throw new UsageException($"--threshold must be a finite number, received {x}");
            return new ThresholdRule(contamination, contamination is null && threshold is null ? quantile ?? DefaultQuantile : quantile, threshold);
        }

        public double Choose(IReadOnlyList<double> referenceScores) =>
            Fixed is { } x ? AnomalyThreshold.Fixed(x)
            : Contamination is { } f ? AnomalyThreshold.FromContamination(referenceScores, f)
            : AnomalyThreshold.FromQuantile(referenceScores, Quantile!.Value);

        /// <summary>How the threshold was chosen, e.g. "the 0.95 quantile of the errors of 270 normal training samples".</summary>
        public string Describe(string reference) =>
            Fixed is not null ? $"given by --threshold (the errors of {reference} are not used)"
            : Contamination is { } f ? string.Create(CultureInfo.InvariantCulture, $"flags a fraction {f} of {reference} (the {1 - f:G4} quantile of their errors)")
            : string.Create(CultureInfo.InvariantCulture, $"the {Quantile:G4} quantile of the errors of {reference}");
    }
}
