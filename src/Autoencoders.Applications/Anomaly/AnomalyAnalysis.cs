using Autoencoders.Data;

namespace Autoencoders.Applications.Anomaly;

/// <summary>
/// The anomaly pipeline after the threshold is fixed: every sample's score, its flag and — where labels say which
/// samples are anomalous — how well the scores find them. The one computation behind <c>ae detect</c>, the HTML
/// report's anomaly section and the dashboard's anomaly view, so that the three show the same numbers.
/// </summary>
public sealed class AnomalyAnalysis
{
    private AnomalyAnalysis(AnomalyDetector detector, Dataset scored, double[] scores, bool[]? anomalous)
    {
        Detector = detector;
        Scored = scored;
        Scores = scores;
        Flags = [.. scores.Select(detector.IsAnomaly)];
        Flagged = Flags.Count(f => f);
        Anomalous = anomalous;
        Metrics = anomalous is null ? null : DetectionMetrics.Measure(scores, anomalous, detector.Threshold);
    }

    public AnomalyDetector Detector { get; }

    /// <summary>The samples scored, raw (as <see cref="Detector"/> takes them).</summary>
    public Dataset Scored { get; }

    /// <summary>Each sample's score: its mean squared reconstruction error after the detector's preprocessing.</summary>
    public double[] Scores { get; }

    /// <summary>Each sample's flag: score above <see cref="AnomalyDetector.Threshold"/>.</summary>
    public bool[] Flags { get; }

    public int Flagged { get; }

    public double FlaggedFraction => (double)Flagged / Math.Max(1, Scores.Length);

    /// <summary>Which samples are truly anomalous (label outside the normal classes), or null: no labels, no normal
    /// classes, or only one of the two kinds among the samples (nothing to separate).</summary>
    public bool[]? Anomalous { get; }

    /// <summary>ROC-AUC, PR-AUC and the threshold's precision, recall and false-alarm rate; null where <see cref="Anomalous"/> is.</summary>
    public DetectionMetrics? Metrics { get; }

    /// <summary>Scores every sample of <paramref name="scored"/>; a sample is anomalous when its label is not in
    /// <paramref name="normalClasses"/> (null: no ground truth, no metrics).</summary>
    public static AnomalyAnalysis Run(AnomalyDetector detector, Dataset scored, IReadOnlyCollection<int>? normalClasses)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(scored);
        double[] scores = detector.Score(scored);
        bool[]? anomalous = normalClasses is null || scored.Labels is null ? null : [.. scored.Labels.Select(label => !normalClasses.Contains(label))];
        if (anomalous is not null && !(anomalous.Contains(true) && anomalous.Contains(false))) anomalous = null;
        return new AnomalyAnalysis(detector, scored, scores, anomalous);
    }

    /// <summary>The samples a threshold is chosen on: the training samples of the normal classes (all of them when
    /// <paramref name="normalClasses"/> is null or the data has no labels).</summary>
    public static Dataset NormalReference(Dataset train, IReadOnlyCollection<int>? normalClasses)
    {
        ArgumentNullException.ThrowIfNull(train);
        return normalClasses is null || train.Labels is null ? train : train.WhereLabelIn([.. normalClasses]);
    }

    /// <summary>The indices of the <paramref name="count"/> highest-scoring samples, highest first (ties: lower index first).</summary>
    public int[] WorstFirst(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return [.. Enumerable.Range(0, Scores.Length).OrderByDescending(i => Scores[i]).ThenBy(i => i).Take(count)];
    }

    /// <summary>For each sample, "" or — when flagged — its <paramref name="count"/> features with the largest squared
    /// errors, as <see cref="AnomalyDetector.Describe"/> writes them ("px12:0.41;px5:0.2").</summary>
    public string[] ExplainFlagged(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (count > Scored.FeatureCount)
            throw new ArgumentOutOfRangeException(nameof(count), $"the samples have only {Scored.FeatureCount} features, {count} asked for");
        return Detector.DescribeFlagged(Scored.Features, Scores, count);
    }
}
