using System.Diagnostics;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests.Kernels;

/// <summary>The runner's guard sends jobs to the caller alone when the caller is not getting its core or the workers
/// stall jobs, for spells that double while that lasts, and leaves a healthy machine's jobs parallel. Timestamps and the
/// caller's CPU clock are scripted, so each verdict is the guard's arithmetic, not this machine's load.</summary>
public sealed class PreemptionGuardTests
{
    private static readonly long Millisecond = Stopwatch.Frequency / 1000;

    /// <summary>A scripted clock: wall time advances job by job; the caller's CPU time by <see cref="Share"/> of it.</summary>
    private sealed class Script
    {
        public long Now = 1_000 * Millisecond;
        public double Share = 1.0;
        public double CpuNanoseconds;
        /// <summary>How long a job run alone takes; null: the caller's chunk time × chunks / its chunks, as estimated.</summary>
        public double? AloneMs;
        public readonly PreemptionGuard Guard;

        public Script(bool cpuClockKnown = true) =>
            Guard = new PreemptionGuard(cpuClockKnown ? () => (long)CpuNanoseconds : () => -1);

        /// <summary>One parallel job of <paramref name="chunks"/> chunks taking <paramref name="jobMs"/>, of which the caller
        /// ran <paramref name="ownChunks"/> in <paramref name="ownMs"/>. Returns whether the guard let it run in parallel.</summary>
        public bool Job(double jobMs, double ownMs, int ownChunks = 4, int chunks = 8)
        {
            long start = Now;
            if (Guard.RunAlone(start))
            {
                Advance(AloneMs ?? ownMs * chunks / ownChunks);
                Guard.RecordAlone(start, Now);
                return false;
            }
            long ownEnd = start + (long)(ownMs * Millisecond);
            Advance(jobMs);
            Guard.Record(start, ownEnd, Now, ownChunks, chunks);
            return true;
        }

        public void Advance(double ms)
        {
            Now += (long)(ms * Millisecond);
            CpuNanoseconds += Share * ms * 1e6;
        }

        /// <summary>Runs healthy 1 ms jobs until one runs in parallel again; returns the wall time spent alone.</summary>
        public double MillisecondsUntilParallel()
        {
            long from = Now;
            while (!Job(jobMs: 1, ownMs: 0.95)) { }
            return (double)(Now - from) / Millisecond;
        }
    }

    [Fact]
    public void AHealthyMachineKeepsJobsParallelButForProbesThatGrowRarer()
    {
        // 10 s of 0.1 ms jobs that would take 0.19 ms alone: the probes (a window's 100 jobs each) lose, and each waits
        // twice as long as the one before, up to 2 s (0.25, 0.5, 1, 2, 2, … s): six to eight probes, where probes every
        // 0.25 s would be 40.
        var script = new Script();
        for (int job = 0; job < 2_500; job++) Assert.True(script.Job(jobMs: 0.1, ownMs: 0.095), $"job {job} ran alone before the first probe");
        for (int job = 0; job < 97_500; job++) script.Job(jobMs: 0.1, ownMs: 0.095);
        Assert.InRange(script.Guard.JobsAlone, 5 * 100, 9 * 100);
    }

    [Fact]
    public void ProbesFindJobsThatAreFasterAloneWhenNoSignShowsIt()
    {
        // The caller has its core and the jobs look balanced, yet a job alone takes 0.06 ms against 0.1 ms in parallel.
        var script = new Script { AloneMs = 0.06 };
        long from = script.Now;
        for (int job = 0; job < 50_000; job++) script.Job(jobMs: 0.1, ownMs: 0.095);
        double seconds = (double)(script.Now - from) / Stopwatch.Frequency;
        Assert.True(script.Guard.JobsAlone > 0.8 * 50_000, $"only {script.Guard.JobsAlone} of 50,000 jobs ran alone");
        Assert.True(seconds < 0.7 * 5, $"the jobs took {seconds:F2} s");
    }

    [Fact]
    public void WindowsOfFewLargeJobsAreNotProbed()
    {
        // 5 ms jobs, two to a window: a probe would compare two jobs with two others.
        var script = new Script { AloneMs = 3 };
        for (int job = 0; job < 2_000; job++) Assert.True(script.Job(jobMs: 5, ownMs: 4.75), $"job {job} ran alone");
    }

    [Fact]
    public void ACallerThatWaitsForItsCoreRunsJobsAlone()
    {
        // Three runnable threads on two cores: the caller gets about two thirds of the wall clock, while each job
        // still looks balanced (its chunks and the workers' took as long).
        var script = new Script { Share = 0.66 };
        int parallel = 0;
        while (script.Job(jobMs: 1, ownMs: 0.95)) Assert.True(++parallel <= 11, "still parallel after a whole window");
        Assert.True(parallel >= 10, $"a verdict after {parallel} ms of jobs, before a whole window");
        Assert.True(script.Guard.JobsAlone > 0);
    }

    [Fact]
    public void AWorkerHoldingAChunkWhileDescheduledSendsJobsAlone()
    {
        // The caller's half of each job took 1 ms, the job 4 ms: alone it would have taken 2.
        var script = new Script();
        int parallel = 0;
        while (script.Job(jobMs: 4, ownMs: 1)) Assert.True(++parallel <= 3, "still parallel after a whole window");
    }

    [Fact]
    public void WithoutACpuClockOnlyStalledJobsCount()
    {
        var script = new Script(cpuClockKnown: false) { Share = 0.3 };
        for (int job = 0; job < 100; job++) Assert.True(script.Job(jobMs: 1, ownMs: 0.95)); // before the first probe
        int parallel = 0;
        while (script.Job(jobMs: 4, ownMs: 1)) Assert.True(++parallel <= 3, "still parallel after a whole window");
    }

    [Fact]
    public void AParallelJobThatPaysLittleStillRunsParallel()
    {
        // Alone would take 1.7 ms against 2 ms in parallel by the estimate: within its margin, so the windows' verdicts
        // keep the jobs parallel (the 60 jobs end before the first probe, which measures instead of estimating).
        var script = new Script();
        for (int job = 0; job < 60; job++) Assert.True(script.Job(jobMs: 2, ownMs: 0.85));
    }

    [Fact]
    public void SpellsAloneDoubleWhileTheMachineStaysBusyAndShrinkOnceItIsQuiet()
    {
        var script = new Script { Share = 0.5 };
        double shortest = PreemptionGuard.ShortestAlone / (double)Millisecond, longest = PreemptionGuard.LongestAlone / (double)Millisecond;
        var spells = new List<double>();
        while (script.Job(jobMs: 1, ownMs: 0.95)) { }
        for (int spell = 0; spell < 7; spell++)
        {
            spells.Add(script.MillisecondsUntilParallel());
            while (script.Job(jobMs: 1, ownMs: 0.95)) { } // the next window, still busy, sends jobs alone again
        }
        for (int spell = 0; spell < spells.Count; spell++)
        {
            double expected = Math.Min(longest, shortest * Math.Pow(2, spell));
            // The loop that met the verdict ran the spell's first 1.9 ms job; the job that ends it adds 1 ms.
            Assert.InRange(spells[spell], expected - 2, expected + 3);
        }
        Assert.Equal(longest, Math.Min(longest, shortest * Math.Pow(2, spells.Count - 1)));

        // A quiet window resets the spell: the next busy verdict is a shortest one again.
        script.MillisecondsUntilParallel();
        script.Share = 1.0;
        int quietParallel = 0;
        for (int job = 0; job < 50; job++) quietParallel += script.Job(jobMs: 1, ownMs: 0.95) ? 1 : 0;
        Assert.True(quietParallel >= 40, $"{quietParallel} of 50 quiet jobs ran in parallel"); // a probe may take a window's 10
        script.Share = 0.5;
        while (script.Job(jobMs: 1, ownMs: 0.95)) { }
        Assert.InRange(script.MillisecondsUntilParallel(), shortest - 2, shortest + 3);
    }

    /// <summary>Records which chunks ran, with which count, and fails on one of them.</summary>
    private sealed class RecordingJob(int failingPart = -1) : IParallelJob
    {
        public readonly int[] Runs = new int[16];
        public int WrongCounts;

        public void Execute(int part, int parts)
        {
            if (parts != 8) Interlocked.Increment(ref WrongCounts);
            Interlocked.Increment(ref Runs[part]);
            if (part == failingPart) throw new InvalidOperationException("chunk failed");
        }
    }

    [Fact]
    public void JobsRunAloneRunEachChunkOnceWithTheJobsCountAndFailAsParallelOnesDo()
    {
        // A CPU clock that never advances: the caller seems never to run, so after the first window every job goes alone.
        using var runner = new ParallelRunner(2, new PreemptionGuard(() => 0));
        var timer = Stopwatch.StartNew();
        var job = new RecordingJob();
        int jobs = 0;
        while (runner.JobCounts.Alone == 0 && timer.Elapsed < TimeSpan.FromSeconds(30))
        {
            runner.RunExactly(job, 8);
            jobs++;
            Thread.SpinWait(2_000);
        }
        Assert.True(runner.JobCounts.Alone > 0, "no job ran alone");
        Assert.Equal(jobs, runner.JobCounts.Jobs);
        Assert.Equal(0, job.WrongCounts);
        Assert.All(job.Runs.Take(8), runs => Assert.Equal(jobs, runs));
        Assert.All(job.Runs.Skip(8), runs => Assert.Equal(0, runs));

        long aloneBefore = runner.JobCounts.Alone;
        var failing = new RecordingJob(failingPart: 3);
        var error = Assert.Throws<AggregateException>(() => runner.RunExactly(failing, 8));
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal(aloneBefore + 1, runner.JobCounts.Alone);
    }
}
