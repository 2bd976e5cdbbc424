using System.Globalization;

namespace Autoencoders.Drawing;

/// <summary>
/// "Nice" axis ticks: steps of 1, 2 or 5 × 10^k, placed at multiples of the step, with labels that show
/// just enough decimals to tell neighbouring ticks apart.
/// </summary>
public static class AxisTicks
{
    /// <summary>
    /// The smallest step of the form {1, 2, 5} × 10^k that puts at most <paramref name="maxTicks"/> ticks on
    /// a span of <paramref name="range"/>; that needs step ≥ range / (maxTicks − 1).
    /// </summary>
    public static double NiceStep(double range, int maxTicks)
    {
        if (!(range > 0) || !double.IsFinite(range)) return 1;
        double minimum = range / Math.Max(maxTicks - 1, 1);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(minimum)));
        foreach (double multiple in (ReadOnlySpan<double>)[1, 2, 5, 10])
        {
            // The tolerance keeps round-off (0.30000000000000004) from skipping to the next step.
            if (multiple * magnitude >= minimum * (1 - 1e-9)) return multiple * magnitude;
        }

        return 10 * magnitude;
    }

    /// <summary>The multiples of <see cref="NiceStep"/> inside [min, max], ascending; at most maxTicks of them.</summary>
    public static double[] Compute(double min, double max, int maxTicks)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || max < min) return [];
        if (max == min) return [min];

        double step = NiceStep(max - min, maxTicks);
        double first = Math.Ceiling(min / step - 1e-9);
        double last = Math.Floor(max / step + 1e-9);
        int count = (int)Math.Clamp(last - first + 1, 0, Math.Max(maxTicks, 1));
        var ticks = new double[count];
        for (int i = 0; i < count; i++)
        {
            // k · step rather than repeated addition, so errors do not accumulate; snap -0 and 1e-17 to 0.
            double tick = (first + i) * step;
            ticks[i] = Math.Abs(tick) < step * 1e-9 ? 0 : tick;
        }

        return ticks;
    }

    /// <summary>
    /// A tick label: fixed-point with as many decimals as the step needs (step 0.05 → "0.15"), or, when the
    /// step is very large or very small, scientific notation with as many digits as the step needs
    /// (2E+7, 1.5E-4, 1.00005E-1). The style depends on the step only, so all labels of an axis share it.
    /// Always invariant culture.
    /// </summary>
    public static string Format(double value, double step)
    {
        if (value == 0) value = 0; // turns -0 into 0, which would otherwise print as "-0"
        if (step >= 1e5 || step < 1e-4)
        {
            if (value == 0) return "0";
            int digits = Math.Max(0, DecimalExponent(Math.Abs(value)) - DecimalExponent(step));
            return value.ToString("0." + new string('#', digits) + "E+0", CultureInfo.InvariantCulture);
        }

        int decimals = Math.Max(0, -DecimalExponent(step));
        return value.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>⌊log10 v⌋, nudged so exact powers of ten (whose log may come out as 2.9999999) land on their own exponent.</summary>
    private static int DecimalExponent(double value) => (int)Math.Floor(Math.Log10(value) + 1e-9);
}
