using System.Globalization;
using Autoencoders.Applications.Anomaly;
using Autoencoders.Applications.Codecs;
using Autoencoders.Applications.Reporting;
using Autoencoders.Applications.Training;
using Autoencoders.Cli.Commands;
using Autoencoders.Data;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Output;

/// <summary>
/// The anomaly-detection part of a model's report section: each test sample scored by its reconstruction error, the
/// threshold at the 95th percentile of the errors of the (normal) training samples, for the model and for PCA — and,
/// where labels say which test samples are anomalous, the ROC curve and its area.
/// </summary>
internal static class ReportAnomaly
{
    private const double ThresholdQuantile = 0.95;

    public static void Add(HtmlReport page, ReportModel entry, PcaCodec? pca)
    {
        page.AddSubheading("Anomaly detection");
        var codecs = new List<ICodec> { new AutoencoderCodec(entry.Model) };
        if (pca is not null) codecs.Add(pca);
        if (entry.NormalClasses is { } normal)
            WithLabels(page, entry, codecs, normal);
        else
            WithoutLabels(page, entry, codecs);
    }

    private static void WithLabels(HtmlReport page, ReportModel entry, List<ICodec> codecs, int[] normal)
    {
        var reference = AnomalyAnalysis.NormalReference(entry.Train, normal);
        string classes = ModelData.FormatClasses(normal);
        var analyses = codecs.Select(codec => Analyse(codec, reference, entry.Test, normal)).ToList();
        if (analyses[0].Metrics is null) // the test split holds only one kind: nothing to separate
        {
            WithoutLabels(page, entry, codecs);
            return;
        }
        page.AddParagraph(string.Create(CultureInfo.InvariantCulture,
            $"Anomaly score: the per-sample reconstruction MSE. Normal samples: those of {entry.ClassesNote}; the {analyses[0].Metrics!.Anomalies:N0} test " +
            $"samples of other classes are the anomalies to find. Threshold: the {ThresholdQuantile:P0} quantile of the errors of the " +
            $"{reference.Count:N0} normal training samples{(codecs.Count > 1 ? ", on which PCA is fitted too" : "")}."));
        var rows = new List<IReadOnlyList<string>>();
        foreach (var analysis in analyses)
        {
            string name = analysis.Detector.Codec.Name;
            double threshold = analysis.Detector.Threshold;
            var metrics = analysis.Metrics!;
            page.AddFigure(ReportModelSection.Png(AnomalyFigures.Histogram(analysis, $"classes {classes}")), $"{name}: histogram of test reconstruction errors, normal and anomalous",
                $"{name}: reconstruction errors of normal and anomalous test samples; the dashed line is the threshold.");
            rows.Add([name, analysis.Detector.Codec.CodeSize.ToString(CultureInfo.InvariantCulture), Invariant($"{metrics.RocAuc:F3}"), Invariant($"{threshold:G4}"),
                Invariant($"{metrics.Recall:P1}"), Invariant($"{metrics.FalseAlarmRate:P1}"), Invariant($"{metrics.Precision:P1}")]);
        }
        page.AddFigure(ReportModelSection.Png(AnomalyFigures.Roc(analyses)), $"{entry.Model.Name}: ROC curves of the model and of PCA",
            "True against false positive rate as the threshold sweeps the scores; the area under each curve (AUC) is the chance that an anomaly scores above a normal sample.");
        page.AddFigure(ReportModelSection.Png(AnomalyFigures.PrecisionRecall(analyses)), $"{entry.Model.Name}: precision-recall curves of the model and of PCA",
            "Precision against recall as the threshold sweeps the scores (scikit-learn's precision_recall_curve); AP, the average precision, is the area under the steps. Where anomalies are few, this shows what ROC hides: how many false alarms come with each anomaly found.");
        page.AddTable(["codec", "code size", "ROC AUC", "threshold", "anomalies flagged (recall)", "normal flagged (false alarms)", "precision"], rows);
    }

    private static void WithoutLabels(HtmlReport page, ReportModel entry, List<ICodec> codecs)
    {
        page.AddParagraph(string.Create(CultureInfo.InvariantCulture,
            $"Anomaly score: the per-sample reconstruction MSE; threshold: the {ThresholdQuantile:P0} quantile of the errors of the " +
            $"{entry.Train.Count:N0} training samples. {entry.ClassesNote}"));
        var rows = new List<IReadOnlyList<string>>();
        foreach (var codec in codecs)
        {
            var analysis = Analyse(codec, entry.Train, entry.Test, normalClasses: null);
            double threshold = analysis.Detector.Threshold;
            page.AddFigure(ReportModelSection.Png(AnomalyFigures.Histogram(analysis)), $"{codec.Name}: histogram of test reconstruction errors",
                $"{codec.Name}: reconstruction errors of the test samples; the dashed line is the threshold.");
            rows.Add([codec.Name, codec.CodeSize.ToString(CultureInfo.InvariantCulture), Invariant($"{threshold:G4}"), Invariant($"{analysis.FlaggedFraction:P1}")]);
        }
        page.AddTable(["codec", "code size", "threshold", "test samples flagged"], rows);
    }

    /// <summary>The report's detector: <paramref name="codec"/> with the 95th-percentile threshold of its errors on
    /// <paramref name="reference"/> (the data is already preprocessed), applied to <paramref name="test"/>.</summary>
    private static AnomalyAnalysis Analyse(ICodec codec, Dataset reference, Dataset test, int[]? normalClasses)
    {
        var detector = AnomalyDetector.FromReference(codec, ModelPreprocessing.None, ReconstructionError.PerSample(codec, reference),
            ThresholdRule.Quantile(ThresholdQuantile), $"{reference.Count:N0} training samples");
        return AnomalyAnalysis.Run(detector, test, normalClasses);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
