namespace Autoencoders.Nn.Training;

/// <summary>The per-epoch record of a training run (Keras's <c>History</c>): loss and val_loss by epoch.</summary>
public sealed class History
{
    private readonly List<EpochLogs> epochs = [];

    public IReadOnlyList<EpochLogs> Epochs => epochs;

    public IEnumerable<double> Loss => epochs.Select(e => e.Loss);

    /// <summary>Validation losses; NaN for epochs without validation data.</summary>
    public IEnumerable<double> ValidationLoss => epochs.Select(e => e.ValidationLoss ?? double.NaN);

    public bool HasValidation => epochs.Any(e => e.ValidationLoss.HasValue);

    /// <summary>A metric's figure by epoch (<c>accuracy</c>, <c>val_accuracy</c>); NaN for epochs without it.</summary>
    public IEnumerable<double> Metric(string name) => epochs.Select(e => e.Metrics.TryGetValue(name, out double v) ? v : double.NaN);

    /// <summary>The names of the metrics logged, in the order of the first epoch that has them.</summary>
    public IEnumerable<string> MetricNames => epochs.SelectMany(e => e.Metrics.Keys).Distinct();

    /// <summary>Seconds spent in the epochs' passes over the training samples (what samples/s is measured on).</summary>
    public double TotalSeconds => epochs.Sum(e => e.Seconds);

    /// <summary>Wall-clock seconds of the whole fit in this process: the epochs' passes and also their validation,
    /// every callback (a dashboard's snapshots, early stopping) and every checkpoint — the cost a callback adds shows here.</summary>
    public double FitSeconds { get; internal set; }

    internal void Add(EpochLogs logs) => epochs.Add(logs);
}
