namespace Autoencoders.Applications.Series;

/// <summary>
/// Turns per-window scores into per-step scores for a <see cref="PointRule"/>: with window j covering steps
/// [jS, jS + W), a step's score is the smallest score of the windows covering it (<see cref="PointRule.AllWindows"/>)
/// or the largest (<see cref="PointRule.AnyWindow"/>), so that "score &gt; threshold" is exactly the rule's flag.
/// Steps no window covers (the tail past the last window at a stride above 1) score NaN and are never flagged.
/// </summary>
public static class WindowPoints
{
    public static double[] Scores(IReadOnlyList<double> windowScores, int window, int stride, int length, PointRule rule)
    {
        ArgumentNullException.ThrowIfNull(windowScores);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        int count = windowScores.Count;
        if (count > 0 && (count - 1) * stride + window > length)
            throw new ArgumentException($"{count} windows of {window} every {stride} steps need {(count - 1) * stride + window} steps, the series has {length}");
        var scores = new double[length];
        for (int step = 0; step < length; step++)
        {
            // Covering windows: jS ≤ step < jS + W  ⇔  ⌈(step − W + 1) / S⌉ ≤ j ≤ ⌊step / S⌋.
            int first = Math.Max(0, CeilingDivide(step - window + 1, stride));
            int last = Math.Min(count - 1, step / stride);
            if (first > last) { scores[step] = double.NaN; continue; }
            double value = windowScores[first];
            for (int j = first + 1; j <= last; j++)
                value = rule == PointRule.AllWindows ? Math.Min(value, windowScores[j]) : Math.Max(value, windowScores[j]);
            scores[step] = value;
        }
        return scores;
    }

    private static int CeilingDivide(int numerator, int denominator) =>
        numerator <= 0 ? -(-numerator / denominator) : (numerator + denominator - 1) / denominator;
}
