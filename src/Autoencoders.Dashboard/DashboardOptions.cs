using System.Net;

namespace Autoencoders.Dashboard;

/// <summary>Where <see cref="DashboardServer"/> listens and who may look.</summary>
public sealed record DashboardOptions
{
    /// <summary>Cap on a request body: a latent point as JSON is a few dozen bytes, so 4 KiB is generous.</summary>
    public const long DefaultMaxBodyBytes = 4096;

    /// <summary>The address to bind; loopback unless the caller opts in (and then <see cref="Token"/> is required).</summary>
    public IPAddress Host { get; init; } = IPAddress.Loopback;

    /// <summary>The TCP port; 0 lets the system choose a free one (read it back from <see cref="DashboardServer.Address"/>).</summary>
    public int Port { get; init; }

    /// <summary>When set, every request needs <c>Authorization: Bearer Token</c> or <c>?token=Token</c>; else it gets 401.</summary>
    public string? Token { get; init; }

    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;
}
