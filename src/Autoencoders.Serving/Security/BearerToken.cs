using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Autoencoders.Serving.Security;

/// <summary>
/// The one secret a non-loopback server needs: every request must carry <c>Authorization: Bearer TOKEN</c>.
/// Compared in constant time, so the answer's timing says nothing about how much of a guess was right.
/// </summary>
public sealed class BearerToken
{
    private readonly byte[] expected;

    public BearerToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        expected = Encoding.UTF8.GetBytes(token);
    }

    /// <summary>A fresh random token: 32 bytes from the system's cryptographic generator, as URL-safe base64 (43 characters).</summary>
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Whether <paramref name="host"/> is reachable only from this machine, where a token is optional.</summary>
    public static bool IsLoopback(IPAddress host) => IPAddress.IsLoopback(host);

    /// <summary>Whether the request carries the token.</summary>
    public bool Admits(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        const string scheme = "Bearer ";
        if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        return Matches(header[scheme.Length..].Trim());
    }

    /// <summary>Whether <paramref name="given"/> is the token (the dashboard also takes it as <c>?token=</c>: EventSource sends no headers).</summary>
    public bool Matches(string? given) => given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected);
}
