namespace Autoencoders.Applications.Anomaly;

/// <summary>
/// Where anomaly scores become flags (a sample is anomalous when its score exceeds the threshold), chosen from the
/// scores of reference samples known to be normal: a quantile of them, or the quantile that flags a given fraction.
/// </summary>
public static class AnomalyThreshold
{
    /// <summary>
    /// The <paramref name="quantile"/> q ∈ (0, 1) of <paramref name="referenceScores"/>, linearly interpolated between
    /// order statistics (NumPy's default): with sorted s₀ ≤ … ≤ sₙ₋₁ and h = (n − 1)q, s⌊h⌋ + (h − ⌊h⌋)(s⌊h⌋₊₁ − s⌊h⌋).
    /// </summary>
    public static double FromQuantile(IReadOnlyList<double> referenceScores, double quantile)
    {
        ArgumentNullException.ThrowIfNull(referenceScores);
        if (!(quantile > 0 && quantile < 1))
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, $"expected a quantile in (0, 1), received {quantile}");
        if (referenceScores.Count == 0)
            throw new ArgumentException("expected at least one reference score, received none", nameof(referenceScores));
        double[] sorted = [.. referenceScores];
        if (sorted.Any(double.IsNaN))
            throw new ArgumentException("expected reference scores that are numbers, received NaN", nameof(referenceScores));
        Array.Sort(sorted);
        return QuantileOfSorted(sorted, quantile);
    }

    /// <summary>
    /// The q ∈ [0, 1] quantile of values already sorted ascending, interpolated as <see cref="FromQuantile"/> does;
    /// the one place the interpolation is written, so a threshold from a saved <see cref="Calibration"/> is the same number.
    /// </summary>
    public static double QuantileOfSorted<T>(IReadOnlyList<T> sorted, double quantile) where T : System.Numerics.INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (!(quantile >= 0 && quantile <= 1))
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, $"expected a quantile in [0, 1], received {quantile}");
        if (sorted.Count == 0)
            throw new ArgumentException("expected at least one value, received none", nameof(sorted));
        double h = (sorted.Count - 1) * quantile;
        int below = (int)Math.Floor(h);
        int above = Math.Min(below + 1, sorted.Count - 1);
        double low = double.CreateChecked(sorted[below]), high = double.CreateChecked(sorted[above]);
        return low + (h - below) * (high - low);
    }

    /// <summary>The threshold that flags about a fraction <paramref name="contamination"/> ∈ (0, 1) of the reference: its 1 − f quantile.</summary>
    public static double FromContamination(IReadOnlyList<double> referenceScores, double contamination)
    {
        if (!(contamination > 0 && contamination < 1))
            throw new ArgumentOutOfRangeException(nameof(contamination), contamination, $"expected a contamination fraction in (0, 1), received {contamination}");
        return FromQuantile(referenceScores, 1 - contamination);
    }

    /// <summary>A threshold given outright; it must be a finite number.</summary>
    public static double Fixed(double threshold) =>
        double.IsFinite(threshold) ? threshold
            : throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"expected a finite threshold, received {threshold}");
}
