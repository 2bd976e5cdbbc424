using System.Threading.Channels;

namespace Autoencoders.Dashboard.Feed;

/// <summary>
/// The events of one run, as JSON lines: kept in a bounded history so that a reloaded page or a second viewer catches up
/// (past events first, then live ones, with no gap and no repeat between them), and fanned out to every viewer through a
/// bounded drop-oldest queue of its own, so that a slow viewer loses old events instead of holding anyone up.
/// </summary>
public sealed class RunFeed
{
    /// <summary>Events a viewer may fall behind by before its oldest unsent ones are dropped.</summary>
    public const int ViewerCapacity = 2048;

    private readonly object gate = new();
    private readonly Queue<string> history = new();
    private readonly List<Channel<string>> viewers = [];
    private readonly int historyCapacity;

    /// <param name="historyCapacity">Events kept for late viewers (a long run's oldest batch losses go first).</param>
    public RunFeed(int historyCapacity = 50_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(historyCapacity, 1);
        this.historyCapacity = historyCapacity;
    }

    /// <summary>Viewers connected now.</summary>
    public int Viewers
    {
        get
        {
            lock (gate) return viewers.Count;
        }
    }

    /// <summary>Events published so far (dropped ones included).</summary>
    public long Published { get; private set; }

    /// <summary>Appends one event (a JSON object) to the history and sends it to every viewer; never waits.</summary>
    public void Publish(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        lock (gate)
        {
            if (history.Count == historyCapacity) history.Dequeue();
            history.Enqueue(json);
            Published++;
            foreach (var viewer in viewers) viewer.Writer.TryWrite(json); // drop-oldest: always succeeds
        }
    }

    /// <summary>A new viewer: the history up to now, and a queue of everything published after it.</summary>
    public FeedSubscription Subscribe()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(ViewerCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false,
        });
        lock (gate)
        {
            viewers.Add(channel);
            return new FeedSubscription([.. history], channel.Reader, () => Unsubscribe(channel));
        }
    }

    private void Unsubscribe(Channel<string> channel)
    {
        lock (gate) viewers.Remove(channel);
        channel.Writer.TryComplete();
    }
}
