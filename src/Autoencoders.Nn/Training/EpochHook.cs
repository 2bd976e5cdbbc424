namespace Autoencoders.Nn.Training;

/// <summary>Calls a function at the end of every epoch (Keras's LambdaCallback for one event).</summary>
public sealed class EpochHook(Action<TrainingContext, EpochLogs> onEpochEnd) : Callback
{
    public override void OnEpochEnd(TrainingContext context, EpochLogs logs) => onEpochEnd(context, logs);
}
