using Autoencoders.Applications.Anomaly;

namespace Autoencoders.Dashboard.Views;

/// <summary>
/// The anomaly section of a run: the histogram of scores (normal and anomalous samples apart where labels say which is
/// which) with the threshold, and the worst samples (<see cref="AnomalyAnalysis.WorstFirst"/>) each with its image,
/// its per-feature error heatmap and <see cref="AnomalyAnalysis.ExplainFlagged"/>'s top features.
/// </summary>
public static class AnomalyView
{
    public const int Bins = 30, WorstCount = 40, ExplainedFeatures = 3;

    /// <summary>Renders the images into <paramref name="run"/> and publishes one <c>anomaly</c> event.</summary>
    public static void Publish(DashboardRun run, AnomalyAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(analysis);
        var scored = analysis.Scored;
        var images = new SampleImages(scored.FeatureCount, scored.SampleShape);
        int[] worst = analysis.WorstFirst(Math.Min(WorstCount, scored.Count));
        string[] explained = analysis.ExplainFlagged(Math.Min(ExplainedFeatures, scored.FeatureCount));
        var rows = new List<object>(worst.Length);
        foreach (int i in worst)
        {
            // Every feature's squared error, back in feature order for the heatmap.
            var errors = new double[scored.FeatureCount];
            foreach (var feature in analysis.Detector.Explain(scored.Row(i), scored.FeatureCount)) errors[feature.Feature] = feature.SquaredError;
            run.PutImage($"anomaly-{i}.png", images.Gray(scored.Row(i)));
            run.PutImage($"heat-{i}.png", images.Heat(errors));
            rows.Add(new
            {
                index = i, label = scored.Labels?[i], score = analysis.Scores[i], flagged = analysis.Flags[i],
                anomalous = analysis.Anomalous?[i], explanation = explained[i], image = $"anomaly-{i}.png", heatmap = $"heat-{i}.png",
            });
        }
        run.Publish(new
        {
            type = "anomaly", threshold = analysis.Detector.Threshold, thresholdRule = analysis.Detector.ThresholdDescription,
            flagged = analysis.Flagged, count = scored.Count, rocAuc = analysis.Metrics?.RocAuc, histogram = Histogram(analysis), rows,
        });
    }

    private static object Histogram(AnomalyAnalysis analysis)
    {
        double low = analysis.Scores.Min(), high = Math.Max(analysis.Scores.Max(), analysis.Detector.Threshold);
        double width = high > low ? (high - low) / Bins : 1;
        var normal = new int[Bins];
        var anomalous = new int[Bins];
        for (int i = 0; i < analysis.Scores.Length; i++)
        {
            int bin = Math.Min(Bins - 1, (int)((analysis.Scores[i] - low) / width));
            if (analysis.Anomalous?[i] == true) anomalous[bin]++;
            else normal[bin]++;
        }
        return new { low, width, normal, anomalous };
    }
}
