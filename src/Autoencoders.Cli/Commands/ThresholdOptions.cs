using System.CommandLine;
using System.Globalization;
using Autoencoders.Applications.Anomaly;

namespace Autoencoders.Cli.Commands;

/// <summary><c>--threshold-quantile Q | --contamination F | --threshold X|max</c>: at most one, checked before any work.</summary>
internal static class ThresholdOptions
{
    public static Option<double?> Contamination() =>
        new("--contamination") { Description = "threshold that flags this fraction of the recorded errors (their 1 − F quantile)", HelpName = "F" };

    public static Option<double?> Quantile() => new("--threshold-quantile")
    {
        Description = string.Create(CultureInfo.InvariantCulture,
            $"threshold at this quantile of the errors recorded at training: of the validation samples where there were some, else of the training samples (default {ThresholdRule.DefaultQuantile})"),
        HelpName = "Q",
    };

    public static Option<string?> Threshold() => new("--threshold")
    {
        Description = "threshold on the error itself (flag: error > X), or max: the largest recorded error (the Keras example's max training error)",
        HelpName = "X|max",
    };

    /// <summary>The rule given, or <see cref="ThresholdRule.Default"/>; every problem is a <see cref="UsageException"/>.</summary>
    public static ThresholdRule Parse(double? contamination, double? quantile, string? threshold)
    {
        string[] given = [.. new (object? Value, string Name)[] { (contamination, "--contamination"), (quantile, "--threshold-quantile"), (threshold, "--threshold") }
            .Where(option => option.Value is not null).Select(option => option.Name)];
        if (given.Length > 1)
            throw new UsageException($"{string.Join(" and ", given)}: expected at most one of --contamination, --threshold-quantile, --threshold");
        if (contamination is { } f)
            return f > 0 && f < 1 ? ThresholdRule.Contamination(f) : throw new UsageException($"--contamination must be a fraction in (0, 1), received {f.ToString(CultureInfo.InvariantCulture)}");
        if (quantile is { } q)
            return q > 0 && q < 1 ? ThresholdRule.Quantile(q) : throw new UsageException($"--threshold-quantile must be in (0, 1), received {q.ToString(CultureInfo.InvariantCulture)}");
        if (threshold is null) return ThresholdRule.Default;
        if (threshold.Equals("max", StringComparison.OrdinalIgnoreCase)) return ThresholdRule.Max;
        return double.TryParse(threshold, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)
            ? ThresholdRule.Fixed(x)
            : throw new UsageException($"--threshold must be a finite number or max, received {threshold}");
    }
}
