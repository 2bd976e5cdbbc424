namespace Autoencoders.Applications.Training;

/// <summary>
/// A setting that the caller can fix: a value out of range, a class the data does not hold, a model name nothing
/// knows, data of another width than the model's. The message is one line that names the setting as <c>ae</c>'s
/// option (<c>--batch</c>, <c>--classes</c>), what was expected and what was received; the command line prints it
/// with exit code 2, as it does its own usage errors.
/// </summary>
public sealed class SettingsException(string message) : ArgumentException(message);
