using System.Collections.Concurrent;
using Autoencoders.Dashboard.Feed;
using Autoencoders.Dashboard.Views;

namespace Autoencoders.Dashboard;

/// <summary>
/// One run on the page: its event feed, the images its events name (PNGs held in memory), the PNG files of its folder
/// that may be served (listed once, by name: nothing outside the folder, nothing added later), and for a VAE the decoder
/// behind the latent explorer.
/// </summary>
public sealed class DashboardRun
{
    private readonly ConcurrentDictionary<string, byte[]> images = new(StringComparer.Ordinal);

    public DashboardRun(string name, string? folder = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Files = folder is null || !Directory.Exists(folder)
            ? new Dictionary<string, string>()
            : Directory.EnumerateFiles(folder, "*.png").Order(StringComparer.Ordinal).ToDictionary(path => Path.GetFileName(path), StringComparer.Ordinal);
    }

    public string Name { get; }

    public RunFeed Feed { get; } = new();

    /// <summary>The folder's PNG files by file name; <see cref="DashboardServer"/> serves only these.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>Set for a variational model: decodes a point of the latent plane.</summary>
    public LatentDecoder? Decoder { get; set; }

    /// <summary>Keeps a PNG under <paramref name="name"/> for <c>/runs/ID/images/NAME</c>.</summary>
    public void PutImage(string name, byte[] png) => images[name] = png;

    public void RemoveImage(string name) => images.TryRemove(name, out _);

    public byte[]? Image(string name) => images.GetValueOrDefault(name);

    /// <summary>Publishes an event object (it must carry a <c>type</c>).</summary>
    public void Publish<T>(T value) => Feed.Publish(FeedJson.Write(value));
}
