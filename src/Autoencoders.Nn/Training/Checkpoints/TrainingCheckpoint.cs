using Autoencoders.Data;
using Autoencoders.Nn.Optimizers;

namespace Autoencoders.Nn.Training.Checkpoints;

/// <summary>
/// A training run frozen between two batches: everything that decides what the rest of the run computes. Resuming
/// from it gives the model, bit for bit, that the run would have given without the interruption.
/// </summary>
public sealed class TrainingCheckpoint
{
    /// <summary>The epoch in progress, 1-based (the next one to start when <see cref="BatchesDone"/> is 0).</summary>
    public required int Epoch { get; init; }

    /// <summary>Batches of <see cref="Epoch"/> already trained.</summary>
    public required int BatchesDone { get; init; }

    /// <summary>Σ batch loss × batch rows over those batches, for the epoch's mean loss.</summary>
    public required double LossSum { get; init; }

    /// <summary>A callback had asked to stop (early stopping) when the checkpoint was taken.</summary>
    public required bool StopTraining { get; init; }

    /// <summary>The epoch's metric hits and cases so far (<see cref="Metrics.MetricCounts.Save"/>).</summary>
    public long[] MetricCounts { get; init; } = [];

    /// <summary>The shuffle stream as it was before <see cref="Epoch"/>'s order was drawn, so that the order is drawn again.</summary>
    public required RandomState Shuffle { get; init; }

    /// <summary>The stochastic layers' streams (noise, dropout, VAE sampling), in forward order.</summary>
    public required IReadOnlyList<RandomState> LayerStreams { get; init; }

    /// <summary>Every parameter value, trainable and not, in <see cref="ParameterSet"/> order.</summary>
    public required float[] Parameters { get; init; }

    public required OptimizerState Optimizer { get; init; }

    /// <summary>The finished epochs' logs.</summary>
    public required IReadOnlyList<EpochLogs> History { get; init; }

    /// <summary>The state of each callback that keeps one, under its type name and rank among callbacks of that type
    /// (<c>EarlyStopping#0</c>).</summary>
    public required IReadOnlyList<(string Type, CallbackState State)> Callbacks { get; init; }

    /// <summary>Training samples and batch size: a checkpoint only continues the run it came from.</summary>
    public required int TrainSamples { get; init; }

    public required int BatchSize { get; init; }

    /// <summary>What the caller stored beside the run (the command line keeps its settings here).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the run stands, for messages: "after epoch 2" or "epoch 3, after batch 40".</summary>
    public string Describe() => BatchesDone == 0 ? $"after epoch {Epoch - 1}" : $"epoch {Epoch}, after batch {BatchesDone}";
}
