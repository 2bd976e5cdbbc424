namespace Autoencoders.Applications.Features;

/// <summary>How <see cref="SoftmaxClassifier.Train"/> fits: mini-batch Adam on the mean cross-entropy plus
/// (<see cref="L2"/> / 2) ‖W‖², the learning rate annealed along a cosine to 0 over the run.</summary>
public sealed class SoftmaxOptions
{
    public int Epochs { get; init; } = 20;

    /// <summary>Small datasets get more epochs, enough for this many Adam steps in all: 20 epochs of 300 samples are only
    /// 40 steps, too few to move the weights far from 0 at this learning rate. 0 keeps <see cref="Epochs"/> exactly.</summary>
    public int MinimumSteps { get; init; } = 1000;

    public int BatchSize { get; init; } = 256;

    /// <summary>Adam's initial step size; standardised inputs make one value fit features of any scale.</summary>
    public float LearningRate { get; init; } = 1e-2f;

    /// <summary>The weight of the L2 penalty on W (not on b).</summary>
    public float L2 { get; init; } = 1e-4f;

    /// <summary>Seeds the order of the samples in each epoch (the weights start at 0): same seed, same classifier.</summary>
    public ulong Seed { get; init; }

    /// <summary>The epochs a run over <paramref name="batchesPerEpoch"/> batches takes: <see cref="Epochs"/>, or more to reach <see cref="MinimumSteps"/>.</summary>
    public int EpochsFor(int batchesPerEpoch) => Math.Max(Epochs, (MinimumSteps + batchesPerEpoch - 1) / batchesPerEpoch);

    internal void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), $"expected at least 1 epoch, received {Epochs}");
        if (MinimumSteps < 0) throw new ArgumentOutOfRangeException(nameof(MinimumSteps), $"expected 0 or more steps, received {MinimumSteps}");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), $"expected a batch of at least 1 sample, received {BatchSize}");
        if (!(LearningRate > 0) || !float.IsFinite(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), $"expected a positive learning rate, received {LearningRate}");
        if (!(L2 >= 0) || !float.IsFinite(L2)) throw new ArgumentOutOfRangeException(nameof(L2), $"expected an L2 weight of 0 or more, received {L2}");
    }
}
