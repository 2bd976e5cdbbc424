using System.Globalization;

namespace Autoencoders.Applications.Series;

/// <summary>
/// Flagged steps against labelled anomalous ranges: point-wise precision, recall and F1, the share of labelled ranges
/// hit (at least one flagged step inside), the share of normal steps flagged, and how far the farthest flag lies from any
/// labelled range (0 when every flag is inside one).
/// </summary>
public sealed record RangeEvaluation(
    int TruePositives, int FalsePositives, int FalseNegatives, int NormalSteps, int RangesHit, int RangeCount, int FarthestFlagDistance)
{
    /// <summary>TP / (TP + FP); 0 when nothing is flagged.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN); 0 when nothing is labelled.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>FP / normal steps: the false-alarm rate.</summary>
    public double NormalFlaggedShare => NormalSteps == 0 ? 0 : (double)FalsePositives / NormalSteps;

    public double RangesHitShare => RangeCount == 0 ? 0 : (double)RangesHit / RangeCount;

    /// <param name="flags">One flag per step.</param>
    /// <param name="labelled">The true anomalous ranges, steps inclusive.</param>
    public static RangeEvaluation Evaluate(IReadOnlyList<bool> flags, IReadOnlyList<AnomalyRange> labelled)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(labelled);
        bool[] truth = AnomalyRange.ToFlags(labelled, flags.Count);
        int tp = 0, fp = 0, fn = 0, normal = 0, farthest = 0;
        for (int t = 0; t < flags.Count; t++)
        {
            if (!truth[t]) normal++;
            if (flags[t] && truth[t]) tp++;
            else if (flags[t]) { fp++; farthest = Math.Max(farthest, Distance(t, labelled)); }
            else if (truth[t]) fn++;
        }
        int hit = labelled.Count(range => Enumerable.Range(range.Start, range.Length).Any(t => t >= 0 && t < flags.Count && flags[t]));
        return new RangeEvaluation(tp, fp, fn, normal, hit, labelled.Count, farthest);
    }

    /// <summary>"precision 0.912, recall 0.874, F1 0.893; 1 of 1 labelled ranges hit; 0.3 % of normal steps flagged (farthest 12 steps from a range)".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"precision {Precision:F3}, recall {Recall:F3}, F1 {F1:F3}; {RangesHit} of {RangeCount} labelled ranges hit; {100 * NormalFlaggedShare:F2} % of {NormalSteps:N0} normal steps flagged (farthest {FarthestFlagDistance} steps from a labelled range)");

    private static int Distance(int step, IReadOnlyList<AnomalyRange> ranges) =>
        ranges.Count == 0 ? 0 : ranges.Min(r => step < r.Start ? r.Start - step : step > r.End ? step - r.End : 0);
}
