namespace Autoencoders.Nn.DeepBelief;

/// <summary>Greedy pretraining settings; the defaults follow Hinton &amp; Salakhutdinov 2006 (their supporting material)
/// with fewer epochs, so a 784-1000-500-250-30 stack pretrains on 60,000 images in about a minute on 2 cores.</summary>
public sealed record RbmOptions
{
    public int EpochsPerLayer { get; init; } = 5;

    public int BatchSize { get; init; } = 100;

    /// <summary>ε for RBMs with Bernoulli hidden units.</summary>
    public float LearningRate { get; init; } = 0.1f;

    /// <summary>ε for the code layer's RBM, whose linear hidden units need a smaller step.</summary>
    public float LinearLearningRate { get; init; } = 0.001f;

    /// <summary>Momentum 0.5 for the first epochs, then this (the practical guide's §9).</summary>
    public float FinalMomentum { get; init; } = 0.9f;

    public int EpochsAtInitialMomentum { get; init; } = 1;

    public float WeightDecay { get; init; } = 2e-4f;

    public int ContrastiveDivergenceSteps { get; init; } = 1;

    public int Seed { get; init; }

    public void Validate()
    {
        if (EpochsPerLayer <= 0) throw new ArgumentException($"expected a positive number of epochs per layer, received {EpochsPerLayer}");
        if (BatchSize <= 0) throw new ArgumentException($"expected a positive batch size, received {BatchSize}");
        if (ContrastiveDivergenceSteps <= 0) throw new ArgumentException($"expected at least one Gibbs step (CD-k, k ≥ 1), received {ContrastiveDivergenceSteps}");
        if (!(LearningRate > 0) || !(LinearLearningRate > 0)) throw new ArgumentException($"expected positive learning rates, received {LearningRate} and {LinearLearningRate}");
    }
}
