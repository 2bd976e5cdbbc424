using System.Globalization;
using Autoencoders.Applications.Metrics;
using Autoencoders.Drawing;

namespace Autoencoders.Cli.Output;

/// <summary>The figures of <c>ae detect</c>: the score histogram and the ROC curve.</summary>
internal static class DetectFigures
{
    /// <summary>The scores' histogram (normal and anomalous apart when known) with the threshold as a vertical line.</summary>
    public static RgbImage Histogram(string name, double[] scores, bool[]? positive, double threshold)
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

    /// <summary>The ROC curve of the scores against the anomalies, beside chance.</summary>
    public static RgbImage RocPlot(string name, double[] scores, bool[] positive, double auc)
    {
        var curve = RankingMetrics.RocCurve(scores, positive);
        return new LinePlot { Title = $"{name}: ROC, anomalies against normal classes", XLabel = "false positive rate", YLabel = "true positive rate" }
            .AddSeries(string.Create(CultureInfo.InvariantCulture, $"{name} (AUC {auc:F3})"), [.. curve.Select(p => p.FalsePositiveRate)], [.. curve.Select(p => p.TruePositiveRate)])
            .AddSeries("chance", [0.0, 1.0], [0.0, 1.0])
            .Render();
    }
}
