using System.Globalization;

namespace Autoencoders.Data;

/// <summary>
/// How evenly a series is sampled: the usual step (the median difference of consecutive timestamps) and the steps that
/// differ from it by more than 0.1 % — gaps or jitter that sliding windows silently treat as one step each.
/// </summary>
/// <param name="FirstIrregularLine">The file line (the header is line 1) where the first irregular step ends, or 0.</param>
public sealed record SeriesSpacing(double Step, int IrregularSteps, int FirstIrregularLine, double SmallestStep, double LargestStep)
{
    public bool IsRegular => IrregularSteps == 0;

    /// <summary>Measures <paramref name="times"/> (sorted ascending, at least two).</summary>
    public static SeriesSpacing Measure(IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (times.Count < 2) return new SeriesSpacing(0, 0, 0, 0, 0);
        var steps = new double[times.Count - 1];
        for (int i = 1; i < times.Count; i++) steps[i - 1] = times[i] - times[i - 1];
        double[] sorted = [.. steps];
        Array.Sort(sorted);
        double median = sorted[sorted.Length / 2];
        int irregular = 0, first = 0;
        for (int i = 0; i < steps.Length; i++)
        {
            if (Math.Abs(steps[i] - median) <= 1e-3 * Math.Abs(median)) continue;
            irregular++;
            if (first == 0) first = i + 3; // the step ends at time i + 1, on line i + 3 below the header
        }
        return new SeriesSpacing(median, irregular, first, sorted[0], sorted[^1]);
    }

    /// <summary>"regular, every 5 min" or "irregular: 12 of 4,031 steps differ from the usual 5 min (from 1 min to 1 h), the first at line 17".</summary>
    public string Describe(bool isIso, int length) => IsRegular
        ? $"regular, every {SeriesTime.DescribeStep(Step, isIso)}"
        : string.Create(CultureInfo.InvariantCulture,
            $"irregular: {IrregularSteps:N0} of {length - 1:N0} steps differ from the usual {SeriesTime.DescribeStep(Step, isIso)} (from {SeriesTime.DescribeStep(SmallestStep, isIso)} to {SeriesTime.DescribeStep(LargestStep, isIso)}), the first at line {FirstIrregularLine}; windows count steps, not time");
}
