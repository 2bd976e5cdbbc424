using Autoencoders.Applications.Metrics;

namespace Autoencoders.Applications.Anomaly;

/// <summary>How well anomaly scores separate the anomalies (positives) from the normal samples: over every threshold
/// (ROC-AUC, PR-AUC as average precision) and at the chosen one (precision, recall, the false-alarm rate).</summary>
/// <param name="FalseAlarmRate">The fraction of normal samples flagged.</param>
public sealed record DetectionMetrics(int Anomalies, int Normal, double RocAuc, double PrAuc, double Precision, double Recall, double FalseAlarmRate)
{
    /// <summary>The metrics of <paramref name="scores"/> against <paramref name="positive"/>, flagging above <paramref name="threshold"/>.</summary>
    /// <exception cref="ArgumentException">The samples are not of both kinds (nothing to separate).</exception>
    public static DetectionMetrics Measure(IReadOnlyList<double> scores, IReadOnlyList<bool> positive, double threshold)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(positive);
        if (scores.Count != positive.Count)
            throw new ArgumentException($"{scores.Count} scores against {positive.Count} labels", nameof(positive));
        int anomalies = positive.Count(p => p), normal = positive.Count - anomalies;
        if (anomalies == 0 || normal == 0)
            throw new ArgumentException("the samples must hold anomalies and normal samples both", nameof(positive));
        var (precision, recall) = RankingMetrics.AtThreshold(scores, positive, threshold);
        int falseAlarms = Enumerable.Range(0, scores.Count).Count(i => !positive[i] && scores[i] > threshold);
        return new(anomalies, normal, RankingMetrics.RocAuc(scores, positive), RankingMetrics.AveragePrecision(scores, positive),
            precision, recall, (double)falseAlarms / normal);
    }
}
