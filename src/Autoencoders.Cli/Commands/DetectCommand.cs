using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoencoders.Applications.Anomaly;
using Autoencoders.Applications.Codecs;
using Autoencoders.Applications.Metrics;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Drawing;
using Autoencoders.Nn.Baselines;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae detect</c>: anomaly detection by reconstruction error, through the library's <see cref="AnomalyDetector"/>.
/// With <c>--data</c>, scores a dataset's test split and, with labels, measures how well the scores separate the
/// normal classes from the rest; with <c>--input</c>, scores every row of a file, streamed (<see cref="DetectStream"/>).
/// The threshold is the model's own: a rule resolved against the errors <c>ae train</c> recorded.
/// </summary>
internal static class DetectCommand
{
    private const string PcaPrefix = "pca:";

    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "a model file written by ae train (trained on normal data, e.g. with --classes), or pca:N for PCA with N components fitted on the normal training samples of --data", Required = true, HelpName = "MODEL|pca:N" };
        var data = CommonOptions.Data();
        var input = new Option<string?>("--input") { Description = InputRows.Help + "; instead of --data", HelpName = "FILE|FOLDER" };
        var normalClasses = new Option<string?>("--normal-classes") { Description = "with --data: the normal labels (or class names); the others are anomalies, which gives ROC-AUC, PR-AUC, precision and recall. Default: the model's training classes (ae train --classes), else none: every training sample is normal and no metrics", HelpName = "0,2,..." };
        var contamination = ThresholdOptions.Contamination();
        var quantile = ThresholdOptions.Quantile();
        var threshold = ThresholdOptions.Threshold();
        var outFile = new Option<string>("--out") { Description = "CSV per sample: index, score (mean squared reconstruction error), flag (1: score > threshold), label, top_features", Required = true, HelpName = "scores.csv" };
        var explain = new Option<int?>("--explain") { Description = "add each flagged sample's K features (pixels pxJ, or CSV columns) with the largest squared errors", HelpName = "K" };
        var histogram = new Option<string?>("--histogram") { Description = "PNG histogram of the scores (normal and anomalous apart when labels are known) with the threshold", HelpName = "FILE.png" };
        var roc = new Option<string?>("--roc") { Description = "PNG of the ROC curve (needs --data with normal classes and labels)", HelpName = "FILE.png" };
        var summary = new Option<string?>("--summary") { Description = "JSON: threshold, flagged, and with labels roc_auc, pr_auc, precision, recall", HelpName = "FILE.json" };
        var threads = CommonOptions.Threads();
        var command = new Command("detect", "Flag anomalies by their reconstruction error: in a dataset's test split, or in every row of a file")
        {
            model, data, input, normalClasses, contamination, quantile, threshold, outFile, explain, histogram, roc, summary, threads,
        };
        command.SetAction(parsed =>
        {
            var rule = ThresholdOptions.Parse(parsed.GetValue(contamination), parsed.GetValue(quantile), parsed.GetValue(threshold));
            if (parsed.GetValue(explain) is { } k) CommonOptions.Positive(k, "--explain");
            var outputs = new DetectOutputs(parsed.GetValue(outFile)!, parsed.GetValue(histogram), parsed.GetValue(roc), parsed.GetValue(summary));
            foreach (string path in outputs.All) CommonOptions.RequireWritableFolderFor(path);
            int threadCount = CommonOptions.Threads(parsed.GetValue(threads));
            if (parsed.GetValue(input) is { } inputPath)
            {
                foreach (var (option, name) in new (Option Option, string Name)[] { (data, "--data"), (normalClasses, "--normal-classes"), (roc, "--roc") })
                    if (parsed.GetResult(option) is { Implicit: false })
                        throw new UsageException($"{name}: not with --input (--input scores a file's rows against the model's recorded threshold; {name} belongs to --data)");
                if (parsed.GetValue(model)!.StartsWith(PcaPrefix, StringComparison.Ordinal))
                    throw new UsageException($"--model {parsed.GetValue(model)}: PCA is fitted on the training split of --data; with --input give a model file written by ae train");
                DetectStream.Run(parsed.GetValue(model)!, inputPath, rule, parsed.GetValue(explain), outputs, threadCount, output);
                return ExitCodes.Success;
            }
            Run(parsed.GetValue(model)!, parsed.GetValue(data)!, parsed.GetValue(normalClasses), rule, parsed.GetValue(explain), outputs, threadCount, output);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The detector of a model file for <c>--input</c>: its threshold from the recorded errors, or exit 2 when it has none.</summary>
    public static AnomalyDetector LoadDetector(string modelPath, ThresholdRule rule, int threads)
    {
        var loaded = AppliedModel.LoadModel(modelPath, threads, out Autoencoder autoencoder);
        try
        {
            return AnomalyDetector.FromCalibration(new AutoencoderCodec(autoencoder), ModelPreprocessing.Read(loaded), Calibration.Read(loaded), rule);
        }
        catch (InvalidOperationException)
        {
            throw new UsageException($"{modelPath}: holds no record of its training errors (written before ae train recorded them), so it has no threshold of its own: retrain it with ae train, or pass --threshold X");
        }
    }

    private static void Run(string modelText, string data, string? normalText, ThresholdRule rule, int? explain,
        DetectOutputs outputs, int threads, TextWriter output)
    {
        bool isPca = modelText.StartsWith(PcaPrefix, StringComparison.Ordinal);
        LoadedModel? loaded = null;
        Autoencoder? autoencoder = null;
        if (!isPca) loaded = AppliedModel.LoadModel(modelText, threads, out autoencoder);
        var split = ModelData.LoadRaw(data);
        var preprocessing = loaded is null ? ModelPreprocessing.None : ModelPreprocessing.Read(loaded);
        int[]? trainingClasses = preprocessing.TrainingClasses;
        int[]? normal = normalText is null ? trainingClasses : ModelData.ParseClasses(normalText, split.Train, "--normal-classes", $"the training split of {data}");
        if (normal is not null && split.Train.Labels is null)
        {
            output.WriteLine($"note: {data} has no labels, so every training sample serves as normal, not only classes {ModelData.FormatClasses(normal)}");
            normal = null;
        }
        Dataset reference = normal is null ? split.Train : split.Train.WhereLabelIn(normal);
        if (reference.Count == 0)
            throw new UsageException($"{data}: no training samples of the normal classes {ModelData.FormatClasses(normal!)} to choose the threshold on");
        string referenceText = $"{reference.Count:N0} {(normal is null ? "" : $"normal (classes {ModelData.FormatClasses(normal)}) ")}training samples";

        AnomalyDetector detector;
        if (isPca)
        {
            (var pca, preprocessing) = FitPca(modelText, data, reference, CpuBackend.CreateDefault(threads));
            detector = AnomalyDetector.FromReference(pca, preprocessing, ReconstructionError.PerSample(pca, preprocessing.Apply(reference)), rule, referenceText);
        }
        else
        {
            RequireFeatures(modelText, autoencoder!, preprocessing, split);
            if (preprocessing.Scaler is not null && preprocessing.FeatureNames is null) // models trained before the names were saved
                preprocessing = preprocessing with { FeatureNames = ModelData.FeatureNamesOf(data, split.Train.FeatureCount) };
            var codec = new AutoencoderCodec(autoencoder!);
            var calibration = Calibration.Read(loaded!);
            if (calibration is null && rule.NeedsReference)
            {
                output.WriteLine($"note: {modelText} holds no record of its training errors (written before ae train recorded them): the threshold is chosen on the {referenceText} of {data}, as before; retrain to fix it in the model");
                detector = AnomalyDetector.FromReference(codec, preprocessing, ReconstructionError.PerSample(codec, preprocessing.Apply(reference)), rule, referenceText);
            }
            else
                detector = AnomalyDetector.FromCalibration(codec, preprocessing, calibration, rule);
        }
        if (preprocessing.Scaler is not null)
            split = split with { Description = $"{split.Description}; columns min-max scaled to [0, 1] on the training samples" };

        Dataset scored = split.Test ?? split.Train;
        double[] scores = detector.Score(scored);
        double threshold = detector.Threshold;
        bool[] flags = [.. scores.Select(detector.IsAnomaly)];
        bool[]? positive = normal is null || scored.Labels is null ? null : [.. scored.Labels.Select(label => !normal.Contains(label))];
        var metrics = positive is not null && positive.Contains(true) && positive.Contains(false) ? DetectionMetrics.Measure(scores, positive, threshold) : null;
        if (outputs.Roc is not null && metrics is null)
            throw new UsageException($"--roc {outputs.Roc}: needs labelled test samples of both normal and other classes (set --normal-classes, or train with --classes)");
        if (explain is { } k && k > scored.FeatureCount)
            throw new UsageException($"--explain {k}: the samples have only {scored.FeatureCount} features");
        string[]? explanations = explain is { } count ? Explain(detector, scored, flags, count) : null;

        int flagged = flags.Count(f => f);
        int referenceCount = detector.Calibration?.Count ?? reference.Count;
        AtomicFile.WriteAllBytes(outputs.Scores, Encoding.UTF8.GetBytes(ScoresCsv(scores, flags, scored.Labels, explanations)));
        if (outputs.Histogram is not null) PngFile.Save(outputs.Histogram, DetectFigures.Histogram(detector.Codec.Name, scores, positive, threshold));
        if (outputs.Roc is not null) PngFile.Save(outputs.Roc, DetectFigures.RocPlot(detector.Codec.Name, scores, positive!, metrics!.RocAuc));
        if (outputs.Summary is not null)
            AtomicFile.WriteAllBytes(outputs.Summary, Summary(detector, split.Description, scored.Count, referenceCount, normal, flagged, metrics));

        output.WriteLine($"ae detect: {detector.Codec.Name} on {split.Description}");
        output.WriteLine($"threshold {threshold:G6}: {detector.ThresholdDescription}");
        output.WriteLine($"flagged {flagged:N0} of {scored.Count:N0} {(split.Test is null ? "" : "test ")}samples ({(double)flagged / Math.Max(1, scored.Count):P1})");
        if (metrics is not null)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{metrics.Anomalies:N0} anomalies: ROC-AUC {metrics.RocAuc:F4}, PR-AUC {metrics.PrAuc:F4}; at the threshold precision {metrics.Precision:F4}, recall {metrics.Recall:F4}"));
        foreach (string path in outputs.All) output.WriteLine($"wrote {path}");
    }

    private static void RequireFeatures(string modelText, Autoencoder autoencoder, ModelPreprocessing preprocessing, DatasetSplit split)
    {
        if (preprocessing.Scaler is { } scaler && scaler.FeatureCount != split.Train.FeatureCount)
            throw new UsageException($"the model was trained on data of {scaler.FeatureCount} features, {split.Description} has {split.Train.FeatureCount}");
        if (split.Train.FeatureCount != autoencoder.InputShape.ElementCount)
            throw new UsageException($"{modelText}: the model expects samples of {autoencoder.InputShape.ElementCount} values, {split.Description} has {split.Train.FeatureCount}");
    }

    /// <summary>pca:N fitted on the normal training samples, scaled to [0, 1] first when the data is a CSV file.</summary>
    private static (ICodec Codec, ModelPreprocessing Preprocessing) FitPca(string modelText, string data, Dataset reference, CpuBackend backend)
    {
        int features = reference.FeatureCount;
        if (!int.TryParse(modelText[PcaPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int components) || components < 1 || components > features)
            throw new UsageException($"--model {modelText}: expected pca:N with N components between 1 and {features} (the feature count)");
        if (reference.Count < 2)
            throw new UsageException($"--model {modelText}: PCA needs at least 2 normal training samples, {data} has {reference.Count}");
        var preprocessing = ModelData.IsTabular(data)
            ? new ModelPreprocessing(MinMaxScaler.Fit(reference), ModelData.FeatureNamesOf(data, features), null)
            : ModelPreprocessing.None;
        var pca = PrincipalComponents.Fit(preprocessing.Apply(reference).Features, features, components, backend);
        return (new PcaCodec(pca), preprocessing);
    }

    /// <summary>"px12:0.41;px5:0.2" for each flagged sample (features by CSV column name where known), "" for the others.</summary>
    private static string[] Explain(AnomalyDetector detector, Dataset scored, bool[] flags, int count)
    {
        int[] flaggedRows = [.. Enumerable.Range(0, flags.Length).Where(i => flags[i])];
        var explanations = new string[flags.Length];
        Array.Fill(explanations, "");
        if (flaggedRows.Length == 0) return explanations;
        FeatureError[][] top = detector.ExplainRows(scored.Subset(flaggedRows).Features, count);
        for (int i = 0; i < flaggedRows.Length; i++) explanations[flaggedRows[i]] = detector.Describe(top[i]);
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
            if (explanations is not null) csv.Append(',').Append(CsvField.Quote(explanations[i]));
            csv.Append('\n');
        }
        return csv.ToString();
    }

    private static byte[] Summary(AnomalyDetector detector, string data, int samples, int referenceSamples, int[]? normal, int flagged, DetectionMetrics? metrics)
    {
        var summary = new Dictionary<string, object?>
        {
            ["model"] = detector.Codec.Name,
            ["data"] = data,
            ["samples"] = samples,
            ["reference_samples"] = referenceSamples,
            ["calibration"] = detector.Calibration?.Source,
            ["normal_classes"] = normal,
            ["threshold"] = detector.Threshold,
            ["threshold_rule"] = detector.ThresholdDescription,
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

    /// <summary>How well the scores separate anomalies (positives) from normal samples, and the threshold's precision and recall.</summary>
    private sealed record DetectionMetrics(int Anomalies, double RocAuc, double PrAuc, double Precision, double Recall)
    {
        public static DetectionMetrics Measure(double[] scores, bool[] positive, double threshold)
        {
            var (precision, recall) = RankingMetrics.AtThreshold(scores, positive, threshold);
            return new(positive.Count(p => p), RankingMetrics.RocAuc(scores, positive), RankingMetrics.AveragePrecision(scores, positive), precision, recall);
        }
    }

}
