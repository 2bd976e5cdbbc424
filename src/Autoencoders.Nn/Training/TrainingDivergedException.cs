namespace Autoencoders.Nn.Training;

/// <summary>The loss stopped being a finite number: a setting (usually the learning rate) the user can change.
/// Raised before the bad batch's step, so the model keeps the weights of the last good one
/// (Keras's TerminateOnNaN, which also stops at once).</summary>
public sealed class TrainingDivergedException(string message, int epoch, int batch) : Exception(message)
{
    /// <summary>The 1-based epoch and batch whose loss was not finite.</summary>
    public int Epoch { get; } = epoch;

    public int Batch { get; } = batch;
}
