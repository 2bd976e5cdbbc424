namespace Autoencoders.Nn.Optimizers;

/// <summary>An optimizer's state at one step: its kind, the steps taken, and each state buffer by name
/// (<c>first_moment</c>, <c>second_moment</c> for Adam; <c>velocity</c> for momentum; <c>mean_square</c> for RMSprop).</summary>
public sealed record OptimizerState(string Name, int Iterations, IReadOnlyDictionary<string, float[]> Slots);
