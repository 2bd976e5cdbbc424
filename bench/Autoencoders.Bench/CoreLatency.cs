using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Autoencoders.Bench;

/// <summary>
/// <c>core-latency [--every SECONDS] [--count N]</c>: how long a cache line takes to go from one core to another and
/// back, as the least of 20 bursts of 1,000 round trips between two spinning threads; one line per reading,
/// <c>unix-milliseconds nanoseconds</c>. On this project's 2-vCPU guests the figure is bimodal — about 50 ns, or about
/// 300 ns for spells of tens of seconds when the host places the two vCPUs far apart — and in the far spells every
/// two-threaded workload here runs up to half as fast (a VAE no faster than on one thread), ours and the peers'. A
/// benchmark that runs beside this monitor can tell which of its figures came from which placement
/// (bench/dashboard/throughput.sh does). The least burst, not the mean, so that a reading is not raised by the monitor's
/// own threads being descheduled.
/// </summary>
internal static class CoreLatency
{
    private const int RoundTrips = 1000, Bursts = 20;

    /// <summary>The monitor's lighter reading (0.1 ms of both cores near, 0.6 ms far), so that its spinning threads
    /// seldom take a core from the training they watch.</summary>
    public const int LightRoundTrips = 200, LightBursts = 10;

    public static int Run(string[] args)
    {
        double every = 1;
        int count = int.MaxValue;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--every":
                    string text = Value();
                    every = double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out double value) && value >= 0
                        ? value
                        : throw new ArgumentException($"--every: expected a number of seconds, received \"{text}\"");
                    break;
                case "--count": count = BenchOptions.PositiveNumber("--count", Value()); break;
                default: throw new ArgumentException($"unknown option {args[i]}; options: --every --count");
            }
        }
        if (Environment.ProcessorCount < 2) throw new ArgumentException("core-latency needs two cores");
        for (int reading = 0; reading < count; reading++)
        {
            double nanoseconds = LeastRoundTrip();
            Console.WriteLine($"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()} {nanoseconds:F0}");
            if (reading + 1 < count) Thread.Sleep(TimeSpan.FromSeconds(every));
        }
        return 0;
    }

    /// <summary>A cache line of its own (128 bytes with the adjacent-line prefetcher's pair) for the flag the two threads pass.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private sealed class Line
    {
        [FieldOffset(128)] public long Value;
    }

    /// <summary>The least mean round trip, in ns, over <paramref name="bursts"/> bursts of <paramref name="roundTrips"/>.</summary>
    public static double LeastRoundTrip(int roundTrips = RoundTrips, int bursts = Bursts)
    {
        var line = new Line();
        long total = (long)roundTrips * bursts;
        var echo = new Thread(() =>
        {
            for (long i = 0; i < total; i++)
            {
                while (Volatile.Read(ref line.Value) != 2 * i + 1) { }
                Volatile.Write(ref line.Value, 2 * i + 2);
            }
        }) { IsBackground = true, Name = "core-latency echo" };
        echo.Start();
        double least = double.MaxValue;
        long trip = 0;
        for (int burst = 0; burst < bursts; burst++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int j = 0; j < roundTrips; j++, trip++)
            {
                Volatile.Write(ref line.Value, 2 * trip + 1);
                while (Volatile.Read(ref line.Value) != 2 * trip + 2) { }
            }
            least = Math.Min(least, Stopwatch.GetElapsedTime(start).TotalNanoseconds / roundTrips);
        }
        echo.Join();
        return least;
    }
}
