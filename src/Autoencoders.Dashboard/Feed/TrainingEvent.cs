namespace Autoencoders.Dashboard.Feed;

/// <summary>What the training thread hands to the feed. For <c>batches</c>, <see cref="Batch"/> is the first of the
/// consecutive batches whose losses <see cref="BatchLosses"/> holds; for <c>epoch</c>, the epoch's batch count.</summary>
internal readonly record struct TrainingEvent(
    string Type, int Epoch, int Batch, double Loss, double? ValidationLoss, double SamplesPerSecond, double EtaSeconds,
    IReadOnlyDictionary<string, double>? Metrics = null, float[]? BatchLosses = null);
