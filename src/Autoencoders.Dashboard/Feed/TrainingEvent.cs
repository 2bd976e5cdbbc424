namespace Autoencoders.Dashboard.Feed;

/// <summary>What the training thread hands to the feed: a struct, so that a batch's event allocates nothing.</summary>
internal readonly record struct TrainingEvent(
    string Type, int Epoch, int Batch, double Loss, double? ValidationLoss, double SamplesPerSecond, double EtaSeconds,
    IReadOnlyDictionary<string, double>? Metrics = null);
