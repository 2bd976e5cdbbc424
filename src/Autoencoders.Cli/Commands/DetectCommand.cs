using System.CommandLine;
using Autoencoders.Applications.Anomaly;
using Autoencoders.Applications.Codecs;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae detect</c>: anomaly detection by reconstruction error, through the library's <see cref="AnomalyDetector"/>.
/// With <c>--data</c>, scores a dataset's test split and, with labels, measures how well the scores separate the
/// normal classes from the rest; with <c>--input</c>, scores every row of a file, streamed (<see cref="DetectStream"/>).
/// The threshold is the model's own: a rule resolved against the errors <c>ae train</c> recorded.
/// </summary>
internal static class DetectCommand
{
    public const string PcaPrefix = "pca:";

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
            DetectDataset.Run(parsed.GetValue(model)!, parsed.GetValue(data)!, parsed.GetValue(normalClasses), rule, parsed.GetValue(explain), outputs, threadCount, output);
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
}
