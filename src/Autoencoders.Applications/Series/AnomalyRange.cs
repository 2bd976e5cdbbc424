namespace Autoencoders.Applications.Series;

/// <summary>Steps <see cref="Start"/> … <see cref="End"/> (inclusive) flagged together, and the largest score among them.</summary>
public sealed record AnomalyRange(int Start, int End, double PeakScore)
{
    public int Length => End - Start + 1;

    /// <summary>Contiguous steps whose score is above <paramref name="threshold"/>, merged into ranges in time order.</summary>
    public static IReadOnlyList<AnomalyRange> Merge(IReadOnlyList<double> pointScores, double threshold)
    {
        ArgumentNullException.ThrowIfNull(pointScores);
        var ranges = new List<AnomalyRange>();
        int start = -1;
        double peak = double.NegativeInfinity;
        for (int t = 0; t <= pointScores.Count; t++)
        {
            bool flagged = t < pointScores.Count && pointScores[t] > threshold; // NaN (uncovered) is never above
            if (flagged)
            {
                if (start < 0) (start, peak) = (t, double.NegativeInfinity);
                peak = Math.Max(peak, pointScores[t]);
            }
            else if (start >= 0)
            {
                ranges.Add(new AnomalyRange(start, t - 1, peak));
                start = -1;
            }
        }
        return ranges;
    }

    /// <summary>A flag per step from <paramref name="ranges"/>.</summary>
    public static bool[] ToFlags(IEnumerable<AnomalyRange> ranges, int length)
    {
        var flags = new bool[length];
        foreach (var range in ranges)
            for (int t = Math.Max(0, range.Start); t <= Math.Min(length - 1, range.End); t++) flags[t] = true;
        return flags;
    }
}
