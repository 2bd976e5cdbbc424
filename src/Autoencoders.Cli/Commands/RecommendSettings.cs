namespace Autoencoders.Cli.Commands;

/// <summary>The settings of one <c>ae recommend train</c> run, checked before any work starts.</summary>
internal sealed record RecommendSettings
{
    public required string Kind { get; init; }
    public required int Hidden { get; init; }
    public required int Latent { get; init; }
    public required int Epochs { get; init; }
    public required int Batch { get; init; }
    public required float LearningRate { get; init; }
    public required float Lambda { get; init; }
    public required float InputDropout { get; init; }
    public required double TestFraction { get; init; }
    public required ulong Seed { get; init; }
    public required string Out { get; init; }
    public required int MatrixFactorizationEpochs { get; init; }

    public void Validate()
    {
        if (!(LearningRate > 0) || float.IsInfinity(LearningRate))
            throw new UsageException($"--lr must be a positive number, received {LearningRate}");
        if (!(Lambda >= 0) || float.IsInfinity(Lambda))
            throw new UsageException($"--lambda must be 0 or more, received {Lambda}");
        if (!(InputDropout >= 0 && InputDropout < 1))
            throw new UsageException($"--input-dropout must be in [0, 1), received {InputDropout}");
        if (!(TestFraction > 0 && TestFraction < 1))
            throw new UsageException($"--test-fraction must be in (0, 1), received {TestFraction}");
    }
}
