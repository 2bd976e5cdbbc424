namespace Autoencoders.Nn.Models;

/// <summary>A model's loss on a dataset (<see cref="Loss"/> = <see cref="Reconstruction"/> + <see cref="Added"/>):
/// the compiled loss of its outputs, and the terms its layers add (penalties; for a VAE, the KL term), per sample.
/// <see cref="Metrics"/> holds the compiled metrics over the same data, by name.</summary>
public readonly record struct Evaluation(double Loss, double Reconstruction, double Added)
{
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
}
