using System.Diagnostics;

namespace Autoencoders.Bench.Tests;

public class BusyCoreTests
{
    [Fact]
    public void SpinsWhileItLivesAndIsGoneAfterDispose()
    {
        int pid;
        using (var busy = new BusyCore())
        {
            pid = busy.ProcessId;
            long ticks = 0;
            var clock = Stopwatch.StartNew();
            // CPU time accrues in clock ticks (10 ms); a spinner gets some within a second even on a loaded machine.
            while (ticks == 0 && clock.Elapsed < TimeSpan.FromSeconds(3))
            {
                Thread.Sleep(100);
                ticks = CpuTicks(pid);
            }
            Assert.False(busy.HasExited);
            Assert.True(ticks > 0, $"the spinner {pid} used no CPU time in {clock.Elapsed.TotalSeconds:F1} s");
        }
        bool stillRuns = Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        Assert.False(stillRuns, $"the spinner {pid} still runs after Dispose");
    }

    /// <summary>utime + stime of the process, from /proc/PID/stat (fields 14 and 15).</summary>
    private static long CpuTicks(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11]) + long.Parse(fields[12]);
    }
}
