namespace Autoencoders.Bench;

/// <summary>
/// <see cref="CoreLatency"/> read every half second on a background thread while the bench runs, so that each figure
/// can say whether the host had the two vCPUs near or far apart while it was taken (a far spell halves two-threaded
/// training, ours and the peers' alike, and a ratio between a near and a far figure says nothing about the code).
/// A reading costs about 0.1 ms of both cores near, 0.6 ms far (<see cref="CoreLatency.LightRoundTrips"/>). A figure
/// shorter than the interval gets the reading taken just before it.
/// </summary>
internal sealed class CoreLatencyMonitor : IDisposable
{
    /// <summary>Between the two placements' round trips (about 50 and 300 ns here).</summary>
    public const double FarNanoseconds = 150;

    private readonly List<(long UnixMs, double Nanoseconds)> readings = [];
    private readonly Thread thread;
    private readonly CancellationTokenSource stop = new();

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private readonly TimeSpan every;

    public CoreLatencyMonitor() : this(() => CoreLatency.LeastRoundTrip(CoreLatency.LightRoundTrips, CoreLatency.LightBursts), Interval) { }

    /// <param name="read">Takes one reading in ns (tests script it).</param>
    internal CoreLatencyMonitor(Func<double> read, TimeSpan every)
    {
        this.every = every;
        thread = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                double nanoseconds = read();
                lock (readings) readings.Add((Now, nanoseconds));
                stop.Token.WaitHandle.WaitOne(every);
            }
        }) { IsBackground = true, Name = "core-latency monitor" };
        thread.Start();
    }

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>The readings taken between two <see cref="Now"/>s (or the last one before, where none fell within), and
    /// how many of them found the cores far apart.</summary>
    public Placement During(long startMs, long endMs)
    {
        lock (readings)
        {
            var within = readings.Where(r => r.UnixMs >= startMs && r.UnixMs <= endMs).ToList();
            if (within.Count == 0 && readings.LastOrDefault(r => r.UnixMs < startMs) is { UnixMs: > 0 } before
                && before.UnixMs >= startMs - (long)(2 * every.TotalMilliseconds))
                within.Add(before);
            return new Placement(within.Count, within.Count(r => r.Nanoseconds >= FarNanoseconds));
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        thread.Join();
        stop.Dispose();
    }
}

/// <summary>How many core-latency readings fell within a figure's measurement, and how many of them were far.</summary>
internal readonly record struct Placement(int Readings, int Far)
{
    public bool AnyFar => Far > 0;

    public override string ToString() => Readings == 0 ? "cores: no reading" : $"cores far apart in {Far} of {Readings} readings";
}
