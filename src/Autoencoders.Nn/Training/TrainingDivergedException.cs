namespace Autoencoders.Nn.Training;

/// <summary>The loss stopped being a finite number: a setting (usually the learning rate) the user can change.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
