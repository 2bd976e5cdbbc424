namespace Autoencoders.Serving.Requests;

/// <summary>A request the server refuses: answered with <paramref name="status"/> and a one-line JSON error, never a stack trace.</summary>
public sealed class RequestException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static RequestException BadRequest(string message) => new(400, message);
}
