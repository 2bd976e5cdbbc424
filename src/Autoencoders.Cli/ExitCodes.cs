namespace Autoencoders.Cli;

/// <summary>The exit codes of every <c>ae</c> command.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A bug or an environment failure: message and exception type on stderr.</summary>
    public const int InternalError = 1;

    /// <summary>Bad input: an argument, a missing or malformed file. One line on stderr, no stack trace.</summary>
    public const int BadInput = 2;
}
