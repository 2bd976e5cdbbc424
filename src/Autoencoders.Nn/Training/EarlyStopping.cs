namespace Autoencoders.Nn.Training;

/// <summary>
/// Stops training when the monitored loss has not improved by <see cref="MinDelta"/> for
/// <see cref="Patience"/> epochs; optionally puts back the weights of the best epoch at the end.
/// Monitors val_loss when there is validation data, else loss.
/// </summary>
public sealed class EarlyStopping(int patience = 3, double minDelta = 0, bool restoreBestWeights = true) : Callback
{
    private double best = double.PositiveInfinity;
    private int epochsWithoutImprovement;
    private float[]? bestWeights;

    public int Patience { get; } = patience >= 0 ? patience : throw new ArgumentOutOfRangeException(nameof(patience), $"expected a patience of 0 or more epochs, received {patience}");

    public double MinDelta { get; } = minDelta;

    public bool RestoreBestWeights { get; } = restoreBestWeights;

    /// <summary>The epoch (1-based) with the best monitored loss so far.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The epoch after which training stopped, or 0 if it ran to the end.</summary>
    public int StoppedEpoch { get; private set; }

    public override void OnTrainBegin(TrainingContext context)
    {
        best = double.PositiveInfinity;
        epochsWithoutImprovement = 0;
        bestWeights = null;
        BestEpoch = StoppedEpoch = 0;
    }

    public override void OnEpochEnd(TrainingContext context, EpochLogs logs)
    {
        double current = logs.ValidationLoss ?? logs.Loss;
        if (current < best - MinDelta)
        {
            best = current;
            BestEpoch = logs.Epoch;
            epochsWithoutImprovement = 0;
            if (RestoreBestWeights) bestWeights = context.Model.Parameters.Snapshot();
            return;
        }
        if (++epochsWithoutImprovement >= Patience) // as Keras: patience 2 stops at the second epoch without improvement
        {
            context.StopTraining = true;
            StoppedEpoch = logs.Epoch;
        }
    }

    public override void SaveState(Checkpoints.CallbackState state)
    {
        state.Set("best", best);
        state.Set("best_epoch", BestEpoch);
        state.Set("epochs_without_improvement", epochsWithoutImprovement);
        state.Set("stopped_epoch", StoppedEpoch);
        if (bestWeights is not null) state.Set("best_weights", bestWeights);
    }

    public override void LoadState(Checkpoints.CallbackState state)
    {
        best = state.GetDouble("best");
        BestEpoch = state.GetInt32("best_epoch");
        epochsWithoutImprovement = state.GetInt32("epochs_without_improvement");
        StoppedEpoch = state.GetInt32("stopped_epoch");
        bestWeights = state.GetTensorOrNull("best_weights");
    }

    public override void OnTrainEnd(TrainingContext context)
    {
        if (RestoreBestWeights && bestWeights is not null)
            context.Model.Parameters.Restore(bestWeights);
    }
}
