namespace Autoencoders.Cli.Output;

/// <summary>The figures of a finished training run, as written to metrics.json.</summary>
internal sealed record TrainResult(double? TestLoss, double TrainSeconds, double SamplesPerSecond);
