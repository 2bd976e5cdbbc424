namespace Autoencoders.Cli.Commands;

/// <summary>The files to write; every folder is checked before any work starts.</summary>
internal sealed record DetectOutputs(string Scores, string? Histogram, string? Roc, string? Summary)
{
    public IEnumerable<string> All => new[] { Scores, Histogram, Roc, Summary }.OfType<string>();
}
