namespace Autoencoders.Applications.Metrics;

/// <summary>
/// How well scores rank positives (anomalies) above negatives: ROC-AUC, average precision (PR-AUC), the ROC curve,
/// and precision and recall at a threshold. A higher score means more anomalous; a sample is flagged when its score
/// exceeds the threshold. The definitions are scikit-learn's (<c>roc_auc_score</c>, <c>average_precision_score</c>,
/// <c>roc_curve</c>), including how they treat tied scores.
/// </summary>
public static class RankingMetrics
{
    /// <summary>
    /// The area under the ROC curve, as the Mann–Whitney statistic: AUC = P(s⁺ &gt; s⁻) + ½ P(s⁺ = s⁻) over all
    /// (positive, negative) pairs, computed from mid-ranks: (R⁺ − P(P + 1)/2) / (P·N).
    /// </summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        var (positives, negatives) = Check(scores, positive, needsNegatives: true);
        int[] order = Ascending(scores);
        double positiveRankSum = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = EndOfTies(scores, order, start);
            double midRank = (start + 1 + end) / 2.0; // ranks start + 1 … end share their mean
            for (int i = start; i < end; i++)
                if (positive[order[i]]) positiveRankSum += midRank;
            start = end;
        }
        return (positiveRankSum - positives * (positives + 1.0) / 2) / ((double)positives * negatives);
    }

    /// <summary>
    /// Average precision, the step-wise area under the precision–recall curve: AP = Σₖ (Rₖ − Rₖ₋₁) Pₖ over the
    /// distinct scores taken as thresholds from the highest down (tied samples enter together), as scikit-learn's
    /// <c>average_precision_score</c>. Equals 1 when every positive outscores every negative.
    /// </summary>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        var curve = PrecisionRecallCurve(scores, positive); // recall falling, then (1, 0)
        double sum = 0, previousRecall = 0;
        for (int k = curve.Count - 2; k >= 0; k--)
        {
            sum += (curve[k].Recall - previousRecall) * curve[k].Precision;
            previousRecall = curve[k].Recall;
        }
        return sum;
    }

    /// <summary>
    /// The ROC curve: (false positive rate, true positive rate) for every distinct score taken as the threshold (flag
    /// score ≥ it), from the highest down, starting at (0, 0) and ending at (1, 1) — scikit-learn's
    /// <c>roc_curve(drop_intermediate=False)</c>. Its trapezoidal area is <see cref="RocAuc"/>.
    /// </summary>
    public static IReadOnlyList<(double FalsePositiveRate, double TruePositiveRate)> RocCurve(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        var (positives, negatives) = Check(scores, positive, needsNegatives: true);
        int[] order = Ascending(scores);
        var curve = new List<(double, double)> { (0, 0) };
        int truePositives = 0, falsePositives = 0;
        for (int end = order.Length; end > 0;)
        {
            int start = StartOfTies(scores, order, end);
            for (int i = start; i < end; i++)
            {
                if (positive[order[i]]) truePositives++;
                else falsePositives++;
            }
            curve.Add(((double)falsePositives / negatives, (double)truePositives / positives));
            end = start;
        }
        return curve;
    }

    /// <summary>
    /// The precision-recall curve as scikit-learn's <c>precision_recall_curve</c> gives it: one point per distinct score
    /// taken as the threshold (flag = score ≥ it), ordered by falling recall, then the point (precision 1, recall 0).
    /// </summary>
    public static IReadOnlyList<(double Precision, double Recall)> PrecisionRecallCurve(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        var (positives, _) = Check(scores, positive, needsNegatives: false);
        int[] order = Ascending(scores);
        var curve = new List<(double, double)>();
        int truePositives = 0, flagged = 0;
        for (int end = order.Length; end > 0;)
        {
            int start = StartOfTies(scores, order, end);
            for (int i = start; i < end; i++)
                if (positive[order[i]]) truePositives++;
            flagged += end - start;
            curve.Add(((double)truePositives / flagged, (double)truePositives / positives));
            end = start;
        }
        curve.Reverse();
        curve.Add((1, 0));
        return curve;
    }

    /// <summary>
    /// Precision = TP / (TP + FP) and recall = TP / P of the samples flagged by score &gt; <paramref name="threshold"/>.
    /// Precision is 0 when nothing is flagged (scikit-learn's <c>zero_division=0</c>).
    /// </summary>
    public static (double Precision, double Recall) AtThreshold(IReadOnlyList<double> scores, IReadOnlyList<bool> positive, double threshold)
    {
        if (double.IsNaN(threshold)) throw new ArgumentException("expected a threshold, received NaN", nameof(threshold));
        var (positives, _) = Check(scores, positive, needsNegatives: false);
        int truePositives = 0, flagged = 0;
        for (int i = 0; i < scores.Count; i++)
        {
            if (!(scores[i] > threshold)) continue;
            flagged++;
            if (positive[i]) truePositives++;
        }
        return (flagged == 0 ? 0 : (double)truePositives / flagged, (double)truePositives / positives);
    }

    private static (int Positives, int Negatives) Check(IReadOnlyList<double> scores, IReadOnlyList<bool> positive, bool needsNegatives)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(positive);
        if (scores.Count != positive.Count)
            throw new ArgumentException($"expected one positive/negative flag per score, received {scores.Count} scores and {positive.Count} flags");
        int positives = 0;
        for (int i = 0; i < scores.Count; i++)
        {
            if (double.IsNaN(scores[i])) throw new ArgumentException($"expected scores that are numbers, received NaN at index {i}", nameof(scores));
            if (positive[i]) positives++;
        }
        int negatives = scores.Count - positives;
        if (positives == 0)
            throw new ArgumentException($"expected at least one positive (anomalous) sample, received {scores.Count} negatives only", nameof(positive));
        if (needsNegatives && negatives == 0)
            throw new ArgumentException($"expected at least one negative (normal) sample, received {positives} positives only", nameof(positive));
        return (positives, negatives);
    }

    private static int[] Ascending(IReadOnlyList<double> scores)
    {
        int[] order = [.. Enumerable.Range(0, scores.Count)];
        double[] keys = [.. scores];
        Array.Sort(keys, order);
        return order;
    }

    // One past the last of the samples tied with order[start] (the order is ascending).
    private static int EndOfTies(IReadOnlyList<double> scores, int[] order, int start)
    {
        int end = start + 1;
        while (end < order.Length && scores[order[end]] == scores[order[start]]) end++;
        return end;
    }

    // The first of the samples tied with order[end − 1].
    private static int StartOfTies(IReadOnlyList<double> scores, int[] order, int end)
    {
        int start = end - 1;
        while (start > 0 && scores[order[start - 1]] == scores[order[end - 1]]) start--;
        return start;
    }
}
