namespace Autoencoders.Nn.Training;

/// <summary>
/// Listens to training, as Keras callbacks do: <see cref="Models.Model.Fit"/> raises these events and the
/// command line, dashboards and early stopping only listen (or set <see cref="TrainingContext.StopTraining"/>).
/// </summary>
public abstract class Callback
{
    public virtual void OnTrainBegin(TrainingContext context)
    {
    }

    public virtual void OnEpochBegin(TrainingContext context, int epoch)
    {
    }

    public virtual void OnBatchEnd(TrainingContext context, BatchLogs logs)
    {
    }

    public virtual void OnEpochEnd(TrainingContext context, EpochLogs logs)
    {
    }

    public virtual void OnTrainEnd(TrainingContext context)
    {
    }

    /// <summary>Writes what this callback must remember across a resumed run (see <see cref="Checkpoints.BackupAndRestore"/>);
    /// a stateless callback writes nothing.</summary>
    public virtual void SaveState(Checkpoints.CallbackState state)
    {
    }

    /// <summary>Takes back what <see cref="SaveState"/> wrote; called after <see cref="OnTrainBegin"/> on a resumed run.</summary>
    public virtual void LoadState(Checkpoints.CallbackState state)
    {
    }
}

/// <summary>What a callback can see of the run, and the one thing it may change: <see cref="StopTraining"/>.</summary>
public sealed class TrainingContext(Models.Model model, FitOptions options, History history, int trainSamples, int batchesPerEpoch)
{
    public Models.Model Model { get; } = model;

    public FitOptions Options { get; } = options;

    public History History { get; } = history;

    public int TrainSamples { get; } = trainSamples;

    public int BatchesPerEpoch { get; } = batchesPerEpoch;

    /// <summary>Set to end training after the current epoch.</summary>
    public bool StopTraining { get; set; }
}

/// <summary>One batch's outcome: its (1-based) epoch, index within the epoch, sample count and mean loss.</summary>
public readonly record struct BatchLogs(int Epoch, int Batch, int Samples, float Loss);

/// <summary>One epoch's outcome: mean training loss, validation loss (when there is validation data), timing, and the
/// compiled metrics by name (<c>accuracy</c>, and <c>val_accuracy</c> with validation data).</summary>
public sealed record EpochLogs(int Epoch, double Loss, double? ValidationLoss, double Seconds, double SamplesPerSecond)
{
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
}
