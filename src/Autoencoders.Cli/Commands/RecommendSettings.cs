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
    /// <summary>AutoRec's λ; null: chosen, with the number of epochs, on a validation share of the training ratings.</summary>
    public required float? Lambda { get; init; }
    /// <summary>AutoRec reconstructs the raw ratings, as the paper does, instead of their residuals from the biases.</summary>
    public required bool RawInputs { get; init; }
    public required float InputDropout { get; init; }
    public required double TestFraction { get; init; }
    public required ulong Seed { get; init; }
    public required string Out { get; init; }
    public required int MatrixFactorizationEpochs { get; init; }

    public void Validate()
    {
        if (!(LearningRate > 0) || float.IsInfinity(LearningRate))
            throw new UsageException($"--lr must be a positive number, received {LearningRate}");
        if (Lambda is { } lambda && (!(lambda >= 0) || float.IsInfinity(lambda)))
            throw new UsageException($"--lambda must be auto or a number of 0 or more, received {Lambda}");
        if (!(InputDropout >= 0 && InputDropout < 1))
            throw new UsageException($"--input-dropout must be in [0, 1), received {InputDropout}");
        if (!(TestFraction > 0 && TestFraction < 1))
            throw new UsageException($"--test-fraction must be in (0, 1), received {TestFraction}");
    }
}
