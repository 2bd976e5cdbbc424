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
/// once parallel jobs pay. Neither sign shows every case: some processes here trained dense at 118–143k samples/s with
/// both threads on a CPU all along and every epoch slow, others at 240–315k (the cause is not known; single-threaded
/// runs gave 128–199k). So a window is now and then followed by a probe: as many jobs alone, timed, and kept alone for
/// a spell if they took under <see cref="ProbeMargin"/> of the window's time (one such process: 204k samples/s, 93 % of
/// its jobs alone); a probe that loses makes the next one wait twice as long, up to <see cref="LongestProbeWait"/>.
/// A job keeps its chunk count either way, so its result does not depend on which threads ran it.
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

    /// <summary>The first and the longest wait between probes that found parallel jobs faster.</summary>
    public static readonly long ShortestProbeWait = Stopwatch.Frequency / 4, LongestProbeWait = Stopwatch.Frequency * 2;

    /// <summary>A probe's jobs alone must have taken at most this share of the same number of parallel jobs just before:
    /// both are measured, so the margin only covers the mix of jobs differing between the two stretches.</summary>
    public const double ProbeMargin = 0.9;

    /// <summary>A window of fewer jobs is not probed: a few large jobs (convolution's windows hold 2–9) make the probe's
    /// jobs and the window's different work, and their times' ratio came out anywhere from 0.04 to 8.</summary>
    public const int FewestProbedJobs = 32;

    private readonly Func<long> callerCpuNanoseconds;
    private int windowJobs;
    private int probeJobsLeft;
    private long probeReference, probeTicks;
    private long nextProbe = long.MinValue; // set by the first window: the first probe comes a wait after it
    private long probeWait = ShortestProbeWait;
    private long jobTicks;
    private double aloneTicks;
    private long windowStart, windowCpuStart = -1;
    private int windowThread;
    private long aloneUntil = long.MinValue;
    private long alonePeriod = ShortestAlone;

    /// <param name="callerCpuNanoseconds">The calling thread's CPU time (by default <see cref="ThreadCpuClock"/>), -1 where unknown.</param>
    public PreemptionGuard(Func<long>? callerCpuNanoseconds = null) => this.callerCpuNanoseconds = callerCpuNanoseconds ?? ThreadCpuClock.Nanoseconds;

    /// <summary>Jobs asked about (<see cref="RunAlone"/>), and of those the ones that ran on the caller alone.</summary>
    public long Jobs { get; private set; }

    /// <inheritdoc cref="Jobs"/>
    public long JobsAlone { get; private set; }

    /// <summary>Whether a job starting at <paramref name="now"/> (a <see cref="Stopwatch"/> timestamp) runs on the caller alone.</summary>
    public bool RunAlone(long now)
    {
        Jobs++;
        if (now >= aloneUntil && probeJobsLeft == 0) return false;
        JobsAlone++;
        return true;
    }

    /// <summary>A job run alone, from <paramref name="start"/> to <paramref name="end"/>: during a probe, timed against
    /// the parallel window before it.</summary>
    public void RecordAlone(long start, long end)
    {
        if (probeJobsLeft == 0) return;
        probeTicks += end - start;
        if (--probeJobsLeft > 0) return;
        if (probeTicks < ProbeMargin * probeReference)
        {
            // Alone won: a spell, and a probe again once it ends (after one parallel window), so that spells grow
            // for as long as alone stays faster.
            StartSpell(end);
            (nextProbe, probeWait) = (end, ShortestProbeWait);
        }
        else
        {
            (nextProbe, probeWait) = (end + probeWait, Math.Min(LongestProbeWait, probeWait * 2));
            alonePeriod = ShortestAlone;
        }
    }

    /// <summary>A parallel job: published at <paramref name="start"/>, the caller done with its <paramref name="ownChunks"/>
    /// of <paramref name="chunks"/> at <paramref name="ownEnd"/>, every chunk done at <paramref name="end"/>.</summary>
    public void Record(long start, long ownEnd, long end, int ownChunks, int chunks)
    {
        int thread = Environment.CurrentManagedThreadId;
        if (jobTicks == 0 || thread != windowThread) // a window's first job, or another caller's: the CPU clock is per thread
        {
            // The CPU share is measured from this reading to the window's end, so over the jobs after this one.
            (jobTicks, aloneTicks, windowJobs, windowStart, windowThread) = (0, 0, 0, end, thread);
            windowCpuStart = callerCpuNanoseconds();
            if (nextProbe == long.MinValue) nextProbe = end + probeWait;
        }
        if (ownChunks == 0) return; // nothing to estimate the caller's speed from
        jobTicks += end - start;
        windowJobs++;
        aloneTicks += (double)(ownEnd - start) * chunks / ownChunks;
        if (jobTicks < WindowTicks) return;

        bool alone = aloneTicks < Margin * jobTicks;
        long cpu = windowCpuStart < 0 || end - windowStart < WindowTicks / 2 ? -1 : callerCpuNanoseconds();
        if (cpu >= 0) // too short a span (a window of a few long jobs) would say little
        {
            double wallNanoseconds = (end - windowStart) * (1e9 / Stopwatch.Frequency);
            alone |= (cpu - windowCpuStart) < CallerShareFloor * wallNanoseconds;
        }
        if (alone) StartSpell(end);
        else if (end >= nextProbe && windowJobs >= FewestProbedJobs) (probeJobsLeft, probeReference, probeTicks) = (windowJobs, jobTicks, 0);
        else alonePeriod = ShortestAlone;
        jobTicks = 0;
    }

    private void StartSpell(long now)
    {
        aloneUntil = now + alonePeriod;
        alonePeriod = Math.Min(LongestAlone, alonePeriod * 2);
    }
}
