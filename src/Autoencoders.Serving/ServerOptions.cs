using System.Net;

namespace Autoencoders.Serving;

/// <summary>Where <see cref="ScoringServer"/> listens, who may call it, and how it batches.</summary>
public sealed record ServerOptions
{
    /// <summary>Default cap on a request body: 16 MiB holds about 20,000 rows of 784 pixels as JSON.</summary>
    public const long DefaultMaxBodyBytes = 16L << 20;

    /// <summary>The address to bind; loopback unless the caller opts in (with a token) to more.</summary>
    public IPAddress Host { get; init; } = IPAddress.Loopback;

    /// <summary>The TCP port; 0 lets the system choose a free one (read it back from <see cref="ScoringServer.Address"/>).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>When set, every request needs the header <c>Authorization: Bearer Token</c>; else it gets 401.</summary>
    public string? Token { get; init; }

    /// <summary>Bodies longer than this get 413; the server stays up.</summary>
    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>At most this many rows go through one forward pass (requests are never split across passes).</summary>
    public int MaxBatchRows { get; init; } = 4096;

    /// <summary>Whether requests share forward passes through the batching queue (one caller at a time owns the model) or
    /// each runs its own. There is no window to wait for company: a pass takes what waits, and a lone request waits for nobody.</summary>
    public bool Batching { get; init; } = true;

    /// <summary>How long a shutdown waits for requests in flight before it gives up on them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
