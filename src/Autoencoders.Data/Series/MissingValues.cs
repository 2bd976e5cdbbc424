namespace Autoencoders.Data;

/// <summary>What the series reader does with an empty or NaN cell.</summary>
public enum MissingValues
{
    /// <summary>Stops at the first one, naming its row.</summary>
    Reject,

    /// <summary>Interpolates linearly between the neighbouring known values of the same column (the nearest one at either end).</summary>
    Linear,
}
