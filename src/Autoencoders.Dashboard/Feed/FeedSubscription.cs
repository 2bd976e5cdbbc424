using System.Threading.Channels;

namespace Autoencoders.Dashboard.Feed;

/// <summary>One viewer of a <see cref="RunFeed"/>: what happened before it came, then what happens; dispose to leave.</summary>
public sealed class FeedSubscription(IReadOnlyList<string> past, ChannelReader<string> live, Action leave) : IDisposable
{
    public IReadOnlyList<string> Past { get; } = past;

    public ChannelReader<string> Live { get; } = live;

    public void Dispose() => leave();
}
