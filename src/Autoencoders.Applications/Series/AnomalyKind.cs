namespace Autoencoders.Applications.Series;

/// <summary>The kinds of anomaly <see cref="AnomalyInjection"/> writes into a series at a recorded place.</summary>
public enum AnomalyKind
{
    /// <summary>One step pushed up by the magnitude (in standard deviations of the channel).</summary>
    Spike,

    /// <summary>A segment shifted up by the magnitude, then back.</summary>
    LevelShift,

    /// <summary>A segment held at its first value: a stuck sensor.</summary>
    Flat,

    /// <summary>A segment played at half speed, so its period doubles (read from its own first half, linearly interpolated).</summary>
    ChangedPeriod,
}
