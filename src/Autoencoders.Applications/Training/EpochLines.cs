using Autoencoders.Nn.Training;

namespace Autoencoders.Applications.Training;

/// <summary>One line per epoch — loss, val_loss, metrics, samples/s, seconds — as <c>ae train</c> prints them away from a terminal.</summary>
public sealed class EpochLines(TextWriter output, int epochs) : Callback
{
    public override void OnEpochEnd(TrainingContext context, EpochLogs logs) => output.WriteLine(Describe(logs, epochs));

    /// <summary>"epoch 3/10  loss 0.01234  val_loss 0.01301  12,345 samples/s  1.2 s".</summary>
    public static string Describe(EpochLogs logs, int epochs) =>
        $"epoch {logs.Epoch}/{epochs}  loss {logs.Loss:F5}" +
        (logs.ValidationLoss is { } v ? $"  val_loss {v:F5}" : "") +
        string.Concat(logs.Metrics.Select(m => $"  {m.Key} {m.Value:F4}")) +
        $"  {logs.SamplesPerSecond:N0} samples/s  {logs.Seconds:F1} s";
}
