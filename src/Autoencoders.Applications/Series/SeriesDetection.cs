namespace Autoencoders.Applications.Series;

/// <summary>What <see cref="SeriesDetector.Detect"/> found in one series: per-window and per-step scores, the threshold, the flagged ranges.</summary>
public sealed record SeriesDetection(double[] WindowScores, double[] PointScores, double Threshold, PointRule Rule, IReadOnlyList<AnomalyRange> Ranges)
{
    /// <summary>A flag per step.</summary>
    public bool[] Flags => AnomalyRange.ToFlags(Ranges, PointScores.Length);

    public int WindowsAbove => WindowScores.Count(s => s > Threshold);

    public int FlaggedSteps => Ranges.Sum(r => r.Length);
}
