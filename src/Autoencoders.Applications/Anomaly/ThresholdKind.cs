namespace Autoencoders.Applications.Anomaly;

/// <summary>How a <see cref="ThresholdRule"/> turns reference errors into a threshold.</summary>
public enum ThresholdKind
{
    /// <summary>The q quantile of the reference errors.</summary>
    Quantile,

    /// <summary>Flags a fraction f of the reference: its 1 − f quantile.</summary>
    Contamination,

    /// <summary>A number given outright; the reference is not used.</summary>
    Fixed,

    /// <summary>The largest reference error (the Keras anomaly-detection example's max training error).</summary>
    Max,
}
