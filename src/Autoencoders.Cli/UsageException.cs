namespace Autoencoders.Cli;

/// <summary>A bad argument or input that the user can fix: reported on one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
