namespace Autoencoders.Applications.Anomaly;

/// <summary>How a sample's reconstruction error is summed up: the mean of the squared or of the absolute differences.</summary>
public enum ReconstructionMeasure
{
    /// <summary>(1/D) Σⱼ (xⱼ − x̂ⱼ)², the score of <c>ae detect</c>.</summary>
    MeanSquared,

    /// <summary>(1/D) Σⱼ |xⱼ − x̂ⱼ|, the Keras time-series example's score: less dominated by one large step.</summary>
    MeanAbsolute,
}
