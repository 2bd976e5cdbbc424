using System.Globalization;
using System.Text;
using Autoencoders.Applications.Anomaly;
using Autoencoders.Applications.Codecs;
using Autoencoders.Applications.Training;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Drawing;
using Autoencoders.Nn.Baselines;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae detect --data</c>: the detector of a model file (its recorded threshold) or of PCA fitted on the normal
/// training samples, applied to the dataset's test split by <see cref="AnomalyAnalysis"/>, and its files written.
/// </summary>
internal static class DetectDataset
{
    public static void Run(string modelText, string data, string? normalText, ThresholdRule rule, int? explain,
        DetectOutputs outputs, int threads, TextWriter output)
    {
        bool isPca = modelText.StartsWith(DetectCommand.PcaPrefix, StringComparison.Ordinal);
        LoadedModel? loaded = null;
        Autoencoder? autoencoder = null;
        if (!isPca) loaded = AppliedModel.LoadModel(modelText, threads, out autoencoder);
        var split = ModelData.LoadRaw(data);
        var preprocessing = loaded is null ? ModelPreprocessing.None : ModelPreprocessing.Read(loaded);
        int[]? normal = normalText is null ? preprocessing.TrainingClasses : ModelData.ParseClasses(normalText, split.Train, "--normal-classes", $"the training split of {data}");
        if (normal is not null && split.Train.Labels is null)
        {
            output.WriteLine($"note: {data} has no labels, so every training sample serves as normal, not only classes {ModelData.FormatClasses(normal)}");
            normal = null;
        }
        Dataset reference = AnomalyAnalysis.NormalReference(split.Train, normal);
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
        var analysis = AnomalyAnalysis.Run(detector, scored, normal);
        var metrics = analysis.Metrics;
        if (outputs.Roc is not null && metrics is null)
            throw new UsageException($"--roc {outputs.Roc}: needs labelled test samples of both normal and other classes (set --normal-classes, or train with --classes)");
        if (explain is { } k && k > scored.FeatureCount)
            throw new UsageException($"--explain {k}: the samples have only {scored.FeatureCount} features");
        string[]? explanations = explain is { } count ? analysis.ExplainFlagged(count) : null;

        AtomicFile.WriteAllBytes(outputs.Scores, Encoding.UTF8.GetBytes(DetectFiles.ScoresCsv(analysis, explanations)));
        string? normalLegend = normal is null ? null : $"classes {ModelData.FormatClasses(normal)}";
        if (outputs.Histogram is not null) PngFile.Save(outputs.Histogram, AnomalyFigures.Histogram(analysis, normalLegend));
        if (outputs.Roc is not null) PngFile.Save(outputs.Roc, AnomalyFigures.Roc([analysis]));
        if (outputs.Summary is not null)
            AtomicFile.WriteAllBytes(outputs.Summary, DetectFiles.Summary(analysis, split.Description, detector.Calibration?.Count ?? reference.Count, normal));

        output.WriteLine($"ae detect: {detector.Codec.Name} on {split.Description}");
        output.WriteLine($"threshold {detector.Threshold:G6}: {detector.ThresholdDescription}");
        output.WriteLine($"flagged {analysis.Flagged:N0} of {scored.Count:N0} {(split.Test is null ? "" : "test ")}samples ({analysis.FlaggedFraction:P1})");
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
        string componentsText = modelText[DetectCommand.PcaPrefix.Length..];
        if (!int.TryParse(componentsText, NumberStyles.None, CultureInfo.InvariantCulture, out int components) || components < 1 || components > features)
            throw new UsageException($"--model {modelText}: expected pca:N with N components between 1 and {features} (the feature count)");
        if (reference.Count < 2)
            throw new UsageException($"--model {modelText}: PCA needs at least 2 normal training samples, {data} has {reference.Count}");
        var preprocessing = ModelData.IsTabular(data)
            ? new ModelPreprocessing(MinMaxScaler.Fit(reference), ModelData.FeatureNamesOf(data, features), null)
            : ModelPreprocessing.None;
        var pca = PrincipalComponents.Fit(preprocessing.Apply(reference).Features, features, components, backend);
        return (new PcaCodec(pca), preprocessing);
    }
}
