namespace Autoencoders.Nn.Models;

/// <summary>A model's loss on a dataset (<see cref="Loss"/> = <see cref="Reconstruction"/> + <see cref="Added"/>):
/// the compiled loss of its outputs, and the terms its layers add (penalties; for a VAE, the KL term), per sample.</summary>
public readonly record struct Evaluation(double Loss, double Reconstruction, double Added);
