namespace Autoencoders.Bench.Tests;

/// <summary>The bench's placement monitor: a figure counts the readings taken while it was measured, and the far ones.</summary>
public sealed class CoreLatencyMonitorTests
{
    [Fact]
    public void AFigureCountsOnlyTheReadingsWithinItsSpanAndTheFarOnesAmongThem()
    {
        // Scripted readings, one every 10 ms: near until the test says far.
        int taken = 0;
        bool far = false;
        using var monitor = new CoreLatencyMonitor(() =>
        {
            Interlocked.Increment(ref taken);
            return Volatile.Read(ref far) ? 320 : 55;
        }, TimeSpan.FromMilliseconds(10));
        SpinUntil(() => Volatile.Read(ref taken) >= 2);
        long start = CoreLatencyMonitor.Now;
        int before = Volatile.Read(ref taken);
        SpinUntil(() => Volatile.Read(ref taken) >= before + 3);
        var near = monitor.During(start, CoreLatencyMonitor.Now);
        Volatile.Write(ref far, true);
        before = Volatile.Read(ref taken);
        SpinUntil(() => Volatile.Read(ref taken) >= before + 4);
        var throughFar = monitor.During(start, CoreLatencyMonitor.Now);

        Assert.True(near.Readings >= 1, near.ToString());
        Assert.Equal(0, near.Far);
        Assert.False(near.AnyFar);
        Assert.True(throughFar.Far >= 2, throughFar.ToString());
        Assert.True(throughFar.Readings > throughFar.Far, "the near readings before the far ones count too");
        Assert.Equal(new Placement(0, 0), monitor.During(0, 1)); // long before the monitor started
    }

    [Fact]
    public void TheRoundTripBetweenTwoCoresIsMeasuredInNanoseconds()
    {
        if (Environment.ProcessorCount < 2) return; // the echo thread would only run when the main one yields
        double nanoseconds = CoreLatency.LeastRoundTrip();
        Assert.InRange(nanoseconds, 1, 1_000_000);
    }

    private static void SpinUntil(Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the monitor stopped taking readings");
            Thread.Sleep(1);
        }
    }
}
