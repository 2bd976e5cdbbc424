namespace Autoencoders.Cli.Output;

/// <summary>What <see cref="Commands.ReportCommand.Write"/> needs besides the models, the data and the page's path.</summary>
internal sealed record ReportOptions
{
    /// <summary>The labels of the normal classes of the anomaly section; null: each model's <c>training.classes</c>, if it has them.</summary>
    public IReadOnlyList<int>? NormalClasses { get; init; }

    /// <summary>Only the first N training samples fit PCA, serve as kNN neighbours and set the anomaly threshold.</summary>
    public int? Limit { get; init; }

    /// <summary>Threads of the math kernels; 0: one per core.</summary>
    public int Threads { get; init; }
}
