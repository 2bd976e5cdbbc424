using System.Globalization;
using Autoencoders.Applications.Anomaly;
using Autoencoders.Applications.Codecs;
using Autoencoders.Applications.Metrics;
using Autoencoders.Applications.Reporting;
using Autoencoders.Cli.Commands;
using Autoencoders.Drawing;

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
        var reference = entry.Train.Labels is null ? entry.Train : entry.Train.WhereLabelIn(normal);
        bool[] anomalous = [.. entry.Test.Labels!.Select(label => !normal.Contains(label))];
        string classes = ModelData.FormatClasses(normal);
        page.AddParagraph(string.Create(CultureInfo.InvariantCulture,
            $"Anomaly score: the per-sample reconstruction MSE. Normal samples: those of {entry.ClassesNote}; the {anomalous.Count(a => a):N0} test " +
            $"samples of other classes are the anomalies to find. Threshold: the {ThresholdQuantile:P0} quantile of the errors of the " +
            $"{reference.Count:N0} normal training samples{(codecs.Count > 1 ? ", on which PCA is fitted too" : "")}."));
        var roc = new LinePlot { Title = $"ROC of the anomaly scores: {string.Join(" vs ", codecs.Select(c => c.Name))}", XLabel = "false positive rate", YLabel = "true positive rate" };
        var rows = new List<IReadOnlyList<string>>();
        foreach (var codec in codecs)
        {
            double threshold = AnomalyThreshold.FromQuantile(ReconstructionError.PerSample(codec, reference), ThresholdQuantile);
            double[] scores = ReconstructionError.PerSample(codec, entry.Test);
            var histogram = new HistogramPlot { Title = $"{codec.Name}: reconstruction errors of the test samples", XLabel = "per-sample MSE" }
                .AddSeries($"normal (classes {classes})", [.. scores.Where((_, i) => !anomalous[i])])
                .AddSeries("anomalous (other classes)", [.. scores.Where((_, i) => anomalous[i])])
                .AddVerticalLine(Invariant($"threshold {threshold:G3}"), threshold);
            page.AddFigure(ReportModelSection.Png(histogram.Render()), $"{codec.Name}: histogram of test reconstruction errors, normal and anomalous",
                $"{codec.Name}: reconstruction errors of normal and anomalous test samples; the dashed line is the threshold.");
            double auc = RankingMetrics.RocAuc(scores, anomalous);
            var curve = RankingMetrics.RocCurve(scores, anomalous);
            roc.AddSeries(Invariant($"{codec.Name} (AUC {auc:F3})"), [.. curve.Select(p => p.FalsePositiveRate)], [.. curve.Select(p => p.TruePositiveRate)]);
            var (precision, recall) = RankingMetrics.AtThreshold(scores, anomalous, threshold);
            double falseAlarms = (double)scores.Where((s, i) => !anomalous[i] && s > threshold).Count() / anomalous.Count(a => !a);
            rows.Add([codec.Name, codec.CodeSize.ToString(CultureInfo.InvariantCulture), Invariant($"{auc:F3}"), Invariant($"{threshold:G4}"),
                Invariant($"{recall:P1}"), Invariant($"{falseAlarms:P1}"), Invariant($"{precision:P1}")]);
        }
        roc.AddSeries("chance", [0.0, 1.0], [0.0, 1.0]);
        page.AddFigure(ReportModelSection.Png(roc.Render()), $"{entry.Model.Name}: ROC curves of the model and of PCA",
            "True against false positive rate as the threshold sweeps the scores; the area under each curve (AUC) is the chance that an anomaly scores above a normal sample.");
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
            double threshold = AnomalyThreshold.FromQuantile(ReconstructionError.PerSample(codec, entry.Train), ThresholdQuantile);
            double[] scores = ReconstructionError.PerSample(codec, entry.Test);
            var histogram = new HistogramPlot { Title = $"{codec.Name}: reconstruction errors of the test samples", XLabel = "per-sample MSE" }
                .AddSeries("test samples", scores)
                .AddVerticalLine(Invariant($"threshold {threshold:G3}"), threshold);
            page.AddFigure(ReportModelSection.Png(histogram.Render()), $"{codec.Name}: histogram of test reconstruction errors",
                $"{codec.Name}: reconstruction errors of the test samples; the dashed line is the threshold.");
            double flagged = (double)scores.Count(s => s > threshold) / scores.Length;
            rows.Add([codec.Name, codec.CodeSize.ToString(CultureInfo.InvariantCulture), Invariant($"{threshold:G4}"), Invariant($"{flagged:P1}")]);
        }
        page.AddTable(["codec", "code size", "threshold", "test samples flagged"], rows);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
