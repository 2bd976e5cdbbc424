using System.Globalization;
using Autoencoders.Applications.Metrics;
using Autoencoders.Drawing;

namespace Autoencoders.Applications.Anomaly;

/// <summary>
/// The pictures of an <see cref="AnomalyAnalysis"/>: the score histogram with the threshold, and the ROC and
/// precision-recall curves of one or more detectors on the same samples. <c>ae detect</c> and the HTML report draw
/// through these, so that a figure in either is the same figure of the same numbers.
/// </summary>
public static class AnomalyFigures
{
    /// <summary>The scores' histogram — normal and anomalous apart where the analysis knows which is which — with the
    /// threshold as a dashed line.</summary>
    /// <param name="normalDescription">What the normal samples are, for the legend (e.g. "classes 0-7, 9"); null: "normal".</param>
    public static RgbImage Histogram(AnomalyAnalysis analysis, string? normalDescription = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return Histogram(analysis.Detector.Codec.Name, analysis.Scores, analysis.Anomalous, analysis.Detector.Threshold, normalDescription);
    }

    /// <summary>The same histogram for scores that come without an analysis (a stream scored row by row).</summary>
    public static RgbImage Histogram(string name, IReadOnlyList<double> scores, IReadOnlyList<bool>? anomalous, double threshold, string? normalDescription = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        // Errors spread over orders of magnitude: a log axis shows the normal bulk and the anomalous tail alike.
        bool logX = threshold > 0 && scores.All(s => s > 0);
        var plot = new HistogramPlot
        {
            Title = $"{name}: reconstruction errors of {scores.Count:N0} samples",
            XLabel = "per-sample MSE", // a log axis adds "log10( )" itself
            LogX = logX,
        };
        if (anomalous is null)
            plot.AddSeries("samples", scores);
        else
            plot.AddSeries(normalDescription is null ? "normal" : $"normal ({normalDescription})", [.. scores.Where((_, i) => !anomalous[i])])
                .AddSeries("anomalous", [.. scores.Where((_, i) => anomalous[i])]);
        return plot.AddVerticalLine(Invariant($"threshold {threshold:G4}"), threshold).Render();
    }

    /// <summary>ROC curves of detectors on the same labelled samples, each with its area, beside chance.</summary>
    /// <exception cref="ArgumentException">An analysis without ground truth (<see cref="AnomalyAnalysis.Metrics"/> null).</exception>
    public static RgbImage Roc(IReadOnlyList<AnomalyAnalysis> analyses)
    {
        var plot = new LinePlot { Title = $"ROC of the anomaly scores: {Names(analyses)}", XLabel = "false positive rate", YLabel = "true positive rate" };
        foreach (var analysis in analyses)
        {
            var curve = RankingMetrics.RocCurve(analysis.Scores, analysis.Anomalous!);
            plot.AddSeries(Invariant($"{analysis.Detector.Codec.Name} (AUC {analysis.Metrics!.RocAuc:F3})"),
                [.. curve.Select(p => p.FalsePositiveRate)], [.. curve.Select(p => p.TruePositiveRate)]);
        }
        return plot.AddSeries("chance", [0.0, 1.0], [0.0, 1.0]).Render();
    }

    /// <summary>Precision-recall curves of detectors on the same labelled samples, each with its average precision,
    /// beside chance (the share of anomalies).</summary>
    /// <exception cref="ArgumentException">An analysis without ground truth.</exception>
    public static RgbImage PrecisionRecall(IReadOnlyList<AnomalyAnalysis> analyses)
    {
        var plot = new LinePlot { Title = $"Precision-recall of the anomaly scores: {Names(analyses)}", XLabel = "recall", YLabel = "precision" };
        foreach (var analysis in analyses)
        {
            var curve = RankingMetrics.PrecisionRecallCurve(analysis.Scores, analysis.Anomalous!);
            plot.AddSeries(Invariant($"{analysis.Detector.Codec.Name} (AP {analysis.Metrics!.PrAuc:F3})"),
                [.. curve.Select(p => p.Recall)], [.. curve.Select(p => p.Precision)]);
        }
        var first = analyses[0].Metrics!;
        double share = (double)first.Anomalies / (first.Anomalies + first.Normal);
        return plot.AddSeries(Invariant($"chance ({share:P0} anomalies)"), [0.0, 1.0], [share, share]).Render();
    }

    private static string Names(IReadOnlyList<AnomalyAnalysis> analyses)
    {
        ArgumentNullException.ThrowIfNull(analyses);
        if (analyses.Count == 0) throw new ArgumentException("expected at least one analysis", nameof(analyses));
        foreach (var analysis in analyses)
            if (analysis.Metrics is null)
                throw new ArgumentException($"{analysis.Detector.Codec.Name}: the analysis has no ground truth (labels of normal and anomalous samples) to draw curves of", nameof(analyses));
        return string.Join(" vs ", analyses.Select(a => a.Detector.Codec.Name));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
