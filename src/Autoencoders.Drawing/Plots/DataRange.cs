namespace Autoencoders.Drawing;

/// <summary>The span of the plottable values seen so far; see <see cref="IsPlottable"/>.</summary>
internal struct DataRange
{
    /// <summary>Beyond this magnitude the span of two values can overflow to ∞, and no axis can hold ∞.</summary>
    private const double MaxMagnitude = 1e300;

    public DataRange()
    {
    }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public readonly bool IsEmpty => Min > Max;

    /// <summary>Whether a value can be placed on an axis: false for NaN, ±∞ and magnitudes above 1e300, which plots skip.</summary>
    public static bool IsPlottable(double value) => Math.Abs(value) <= MaxMagnitude;

    public void Include(double value)
    {
        if (!IsPlottable(value)) return;
        if (value < Min) Min = value;
        if (value > Max) Max = value;
    }

    /// <summary>
    /// The axis limits: the data span widened by 5% on each side (as matplotlib does) so markers and lines do
    /// not sit on the frame. A single value gets ±10% of itself (±1 at zero); no data is treated as the span [0, 1].
    /// </summary>
    public readonly (double Min, double Max) Padded()
    {
        (double min, double max) = IsEmpty ? (0.0, 1.0) : (Min, Max);
        double span = max - min;
        double center = min / 2 + max / 2;
        // Relative comparison: 1e9 and 1e9 + 1e-7 are "the same" for a 1-2-5 tick scale in double precision.
        if (span <= Math.Abs(center) * 1e-12)
        {
            double half = center == 0 ? 1 : Math.Abs(center) * 0.1;
            return (center - half, center + half);
        }

        return (min - span * 0.05, max + span * 0.05);
    }
}
