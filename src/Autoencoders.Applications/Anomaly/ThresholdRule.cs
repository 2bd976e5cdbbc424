using System.Globalization;

namespace Autoencoders.Applications.Anomaly;

/// <summary>
/// How the threshold of an anomaly detector is chosen: a quantile of reference errors, a contamination fraction, the
/// largest reference error, or a fixed number. Resolved against a model's saved <see cref="Calibration"/> (the same
/// number on any data scored later), or against reference errors measured now (model files without a record).
/// </summary>
public sealed record ThresholdRule
{
    /// <summary>The quantile used when no rule is given.</summary>
    public const double DefaultQuantile = 0.95;

    private ThresholdRule(ThresholdKind kind, double value)
    {
        Kind = kind;
        Value = value;
    }

    public ThresholdKind Kind { get; }

    /// <summary>The quantile, the contamination fraction or the fixed threshold; 0 for <see cref="ThresholdKind.Max"/>.</summary>
    public double Value { get; }

    /// <summary>The 0.95 quantile.</summary>
    public static ThresholdRule Default { get; } = new(ThresholdKind.Quantile, DefaultQuantile);

    /// <summary>The largest reference error.</summary>
    public static ThresholdRule Max { get; } = new(ThresholdKind.Max, 0);

    /// <summary>The q ∈ (0, 1) quantile of the reference errors.</summary>
    public static ThresholdRule Quantile(double q) => q > 0 && q < 1 ? new(ThresholdKind.Quantile, q)
        : throw new ArgumentOutOfRangeException(nameof(q), q, $"expected a quantile in (0, 1), received {q.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Flags a fraction f ∈ (0, 1) of the reference: the 1 − f quantile.</summary>
    public static ThresholdRule Contamination(double f) => f > 0 && f < 1 ? new(ThresholdKind.Contamination, f)
        : throw new ArgumentOutOfRangeException(nameof(f), f, $"expected a contamination fraction in (0, 1), received {f.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>A finite threshold given outright.</summary>
    public static ThresholdRule Fixed(double threshold) => new(ThresholdKind.Fixed, AnomalyThreshold.Fixed(threshold));

    /// <summary>Whether the rule needs reference errors (all but <see cref="ThresholdKind.Fixed"/>).</summary>
    public bool NeedsReference => Kind != ThresholdKind.Fixed;

    /// <summary>The threshold from a saved record: the same number for any data scored with the model.</summary>
    public double Resolve(Calibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        return Kind switch
        {
            ThresholdKind.Fixed => Value,
            ThresholdKind.Max => calibration.Max,
            ThresholdKind.Contamination => calibration.Quantile(1 - Value),
            _ => calibration.Quantile(Value),
        };
    }

    /// <summary>The threshold from reference errors measured now (NumPy's interpolated quantile).</summary>
    public double Choose(IReadOnlyList<double> referenceScores) => Kind switch
    {
        ThresholdKind.Fixed => Value,
        ThresholdKind.Max => referenceScores.Count > 0 ? referenceScores.Max()
            : throw new ArgumentException("expected at least one reference score, received none", nameof(referenceScores)),
        ThresholdKind.Contamination => AnomalyThreshold.FromContamination(referenceScores, Value),
        _ => AnomalyThreshold.FromQuantile(referenceScores, Value),
    };

    /// <summary>How the threshold was chosen, e.g. "the 0.95 quantile of the errors of 270 normal training samples".</summary>
    public string Describe(string reference) => Kind switch
    {
        ThresholdKind.Fixed => $"given by --threshold (the errors of {reference} are not used)",
        ThresholdKind.Max => $"the largest error of {reference}",
        ThresholdKind.Contamination => string.Create(CultureInfo.InvariantCulture, $"flags a fraction {Value} of {reference} (the {1 - Value:G4} quantile of their errors)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"the {Value:G4} quantile of the errors of {reference}"),
    };

    /// <summary>"0.95 quantile", "contamination 0.05", "max", "fixed 0.2": the rule alone, for summaries.</summary>
    public override string ToString() => Kind switch
    {
        ThresholdKind.Fixed => string.Create(CultureInfo.InvariantCulture, $"fixed {Value:R}"),
        ThresholdKind.Max => "max",
        ThresholdKind.Contamination => string.Create(CultureInfo.InvariantCulture, $"contamination {Value}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Value} quantile"),
    };
}
