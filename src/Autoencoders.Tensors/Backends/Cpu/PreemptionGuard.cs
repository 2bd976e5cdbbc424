using System.Diagnostics;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// Tells the <see cref="ParallelRunner"/>'s caller when to run jobs alone, because the machine has fewer free cores than
/// the runner has threads (another process busy on one): then threads that spin for work take turns on the cores with
/// the caller, and a worker that the OS deschedules while it holds a chunk stalls the job for a scheduler slice —
/// milliseconds, against kernels of microseconds. With a busy-looping process on one of two cores, two threads trained
/// dense at 121–133k samples/s, one thread at 165k. Each window of jobs gives a verdict; jobs go alone when either
/// <list type="bullet">
/// <item>the caller had less than <see cref="CallerShareFloor"/> of the wall-clock time on a CPU (it was waiting for a
/// core, its own workers' spinning included), or</item>
/// <item>the caller alone would have been clearly faster: its own chunks' time × the jobs' chunks / the chunks it ran,
/// against the time the jobs took (a worker that holds a chunk while descheduled shows here).</item>
/// </list>
/// They go alone for a while, twice as long each time the next parallel window says so again, the shortest period again
/// once parallel jobs pay. A job keeps its chunk count either way, so its result does not depend on which threads ran it.
/// Not thread-safe: the runner calls it under its lock.
/// </summary>
internal sealed class PreemptionGuard
{
    /// <summary>Job time (publication to last chunk) that one verdict is based on.</summary>
    public static readonly long WindowTicks = Stopwatch.Frequency / 100;

    /// <summary>The first and the longest spell of jobs run alone.</summary>
    public static readonly long ShortestAlone = Stopwatch.Frequency / 40, LongestAlone = Stopwatch.Frequency * 4 / 5;

    /// <summary>Alone must promise at most this share of the parallel time: an estimate from chunks that ran beside
    /// another thread (sharing caches and memory bandwidth) is rough, and a wrong switch costs a whole spell.</summary>
    public const double Margin = 0.8;

    /// <summary>A caller that got less of the wall clock than this on a CPU shares its core: three threads on two cores
    /// get two thirds each, a thread on a quiet machine nearly all of it.</summary>
    public const double CallerShareFloor = 0.85;

    private readonly Func<long> callerCpuNanoseconds;
    private long jobTicks;
    private double aloneTicks;
    private long windowStart, windowCpuStart = -1;
    private int windowThread;
    private long aloneUntil = long.MinValue;
    private long alonePeriod = ShortestAlone;

    /// <param name="callerCpuNanoseconds">The calling thread's CPU time (by default <see cref="ThreadCpuClock"/>), -1 where unknown.</param>
    public PreemptionGuard(Func<long>? callerCpuNanoseconds = null) => this.callerCpuNanoseconds = callerCpuNanoseconds ?? ThreadCpuClock.Nanoseconds;

    /// <summary>Jobs that ran on the caller alone.</summary>
    public long JobsAlone { get; private set; }

    /// <summary>Whether a job starting at <paramref name="now"/> (a <see cref="Stopwatch"/> timestamp) runs on the caller alone.</summary>
    public bool RunAlone(long now)
    {
        if (now >= aloneUntil) return false;
        JobsAlone++;
        return true;
    }

    /// <summary>A parallel job: published at <paramref name="start"/>, the caller done with its <paramref name="ownChunks"/>
    /// of <paramref name="chunks"/> at <paramref name="ownEnd"/>, every chunk done at <paramref name="end"/>.</summary>
    public void Record(long start, long ownEnd, long end, int ownChunks, int chunks)
    {
        int thread = Environment.CurrentManagedThreadId;
        if (jobTicks == 0 || thread != windowThread) // a window's first job, or another caller's: the CPU clock is per thread
        {
            // The CPU share is measured from this reading to the window's end, so over the jobs after this one.
            (jobTicks, aloneTicks, windowStart, windowThread) = (0, 0, end, thread);
            windowCpuStart = callerCpuNanoseconds();
        }
        if (ownChunks == 0) return; // nothing to estimate the caller's speed from
        jobTicks += end - start;
        aloneTicks += (double)(ownEnd - start) * chunks / ownChunks;
        if (jobTicks < WindowTicks) return;

        bool alone = aloneTicks < Margin * jobTicks;
        long cpu = windowCpuStart < 0 || end - windowStart < WindowTicks / 2 ? -1 : callerCpuNanoseconds();
        if (cpu >= 0) // too short a span (a window of a few long jobs) would say little
        {
            double wallNanoseconds = (end - windowStart) * (1e9 / Stopwatch.Frequency);
            alone |= (cpu - windowCpuStart) < CallerShareFloor * wallNanoseconds;
        }
        if (alone)
        {
            aloneUntil = end + alonePeriod;
            alonePeriod = Math.Min(LongestAlone, alonePeriod * 2);
        }
        else alonePeriod = ShortestAlone;
        jobTicks = 0;
    }
}
