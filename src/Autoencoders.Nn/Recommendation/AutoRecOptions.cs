namespace Autoencoders.Nn.Recommendation;

/// <summary>How one AutoRec is built and trained: the network, the objective's λ, and Adam's schedule.</summary>
public sealed record AutoRecOptions
{
    /// <summary>I-AutoRec (rows are items) when true, U-AutoRec (rows are users) when false.</summary>
    public bool ItemBased { get; init; } = true;

    public int Hidden { get; init; } = 500;

    /// <summary>λ of Σ_observed (r − h(r))² + λ/2 (‖W‖² + ‖V‖²).</summary>
    public float Regularization { get; init; } = 30f;

    public float InputDropout { get; init; }

    /// <summary>Reconstruct the residuals of the user + item biases (<see cref="AutoRec.Baseline"/>) rather than the raw ratings.</summary>
    public bool Residuals { get; init; } = true;

    public float LearningRate { get; init; } = 1e-3f;

    public int Batch { get; init; } = 32;

    /// <summary>Passes over the rows: all of them for a fixed λ; the most a candidate of <see cref="RegularizationSearch"/> may use.</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Fixes the initial weights and the order of the rows.</summary>
    public ulong Seed { get; init; }
}
