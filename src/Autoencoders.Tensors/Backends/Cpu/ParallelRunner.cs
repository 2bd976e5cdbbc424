using System.Diagnostics;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>A piece of work split into <c>parts</c> chunks that may run in any order, on any thread.</summary>
internal interface IParallelJob
{
    void Execute(int part, int parts);
}

/// <summary>
/// Runs a job on every core. A job is cut into more chunks than there are threads, and the calling thread
/// and persistent workers claim chunks until none is left, so a worker that the OS has descheduled (another
/// process on the machine) delays a job by at most the chunk it holds, never by its whole share.
/// Workers spin for about a millisecond after each job before they block, because a training step is a
/// stream of short kernels and waking a blocked thread costs more than most of them take. When the other
/// threads do not get the CPU (a busy machine), the caller runs jobs alone for a while (<see cref="PreemptionGuard"/>).
/// No allocation per job; callers on several threads take turns.
/// </summary>
internal sealed class ParallelRunner : IDisposable
{
    /// <summary>Chunks per thread: more balance the load, fewer cost less per chunk.</summary>
    public const int ChunksPerThread = 4;

    // How long a worker spins for the next job before it blocks. Timed by the clock, not counted in SpinWait calls:
    // .NET scales Thread.SpinWait by a measurement taken once at start-up, so a count meant for a millisecond became,
    // in some processes, so short that workers slept between a VAE's short kernels and the caller ran them alone.
    private static readonly long SpinTicksBeforeBlocking = System.Diagnostics.Stopwatch.Frequency / 1000;

    private readonly Thread[] workers;
    private readonly ManualResetEventSlim[] wakeUp;
    private readonly int[] sleeping;
    private readonly Lock gate = new();
    private IParallelJob? job;

    // (generation << 32) | (chunk count << 16) | next unclaimed chunk. A claim is a compare-and-swap on the whole
    // ticket, so a worker that wakes up after its job ended cannot claim a chunk of the next job under the old one's
    // fields. The count travels in the ticket, not in a field of its own: a worker that read generation g and then a
    // count field already rewritten for job g + 1 (larger) could claim a chunk that g never had, run it, and count it
    // off job g + 1, which then ended a chunk early and left a later job waiting forever (a training run hung so).
    private long ticket;
    private const int CountShift = 16;
    private const long ChunkMask = 0xFFFF;

    /// <summary>The most chunks one job may be cut into (the ticket holds the count in 16 bits).</summary>
    public const int MostChunks = 0xFFFF;
    private int unfinished;
    private volatile bool disposed;
    private Exception? failure;
    private readonly PreemptionGuard guard;
    private const string FailureMessage = "a kernel failed in a parallel job";

    public ParallelRunner(int threads) : this(threads, new PreemptionGuard()) { }

    /// <param name="guard">Decides when the caller runs jobs alone (tests pass one with a scripted CPU clock).</param>
    internal ParallelRunner(int threads, PreemptionGuard guard)
    {
        this.guard = guard;
        Threads = Math.Max(1, threads);
        workers = new Thread[Threads - 1];
        wakeUp = new ManualResetEventSlim[Threads - 1];
        sleeping = new int[Threads - 1];
        for (int i = 0; i < workers.Length; i++)
        {
            int index = i;
            wakeUp[i] = new ManualResetEventSlim(false);
            workers[i] = new Thread(() => WorkerLoop(index)) { IsBackground = true, Name = $"ae-kernel-{i + 1}" };
            workers[i].Start();
        }
    }

    public int Threads { get; }

    /// <summary>The most chunks a job is cut into: size per-chunk result arrays by it.</summary>
    public int MaxChunks => Threads * ChunksPerThread;

    /// <summary>Jobs of more than one chunk so far, and of those the ones the caller ran alone because other threads were
    /// not getting the CPU (<see cref="PreemptionGuard"/>).</summary>
    public (long Jobs, long Alone) JobCounts
    {
        get { lock (gate) return (guard.Jobs, guard.JobsAlone); }
    }

    /// <summary>Runs <paramref name="work"/> as <paramref name="chunkCount"/> chunks (1 runs it here, whole) and returns when all are done.</summary>
    public void Run(IParallelJob work, int chunkCount)
    {
        if (chunkCount <= 1 || Threads == 1)
        {
            work.Execute(0, 1);
            return;
        }
        lock (gate)
            RunChunks(work, Math.Min(chunkCount, MaxChunks));
    }

    /// <summary>Runs <paramref name="work"/> as exactly <paramref name="chunkCount"/> chunks, however many threads there
    /// are (one thread runs them in order): for jobs whose results must not depend on the thread count, which keep
    /// per-chunk partial sums and size them by their own chunk count rather than by <see cref="MaxChunks"/>.</summary>
    public void RunExactly(IParallelJob work, int chunkCount)
    {
        if (chunkCount <= 1)
        {
            work.Execute(0, 1);
            return;
        }
        if (Threads == 1)
        {
            for (int part = 0; part < chunkCount; part++) work.Execute(part, chunkCount);
            return;
        }
        lock (gate)
            RunChunks(work, chunkCount);
    }

    private void RunChunks(IParallelJob work, int count)
    {
        if (count > MostChunks) throw new ArgumentOutOfRangeException(nameof(count), count, $"a job is cut into at most {MostChunks} chunks");
        long start = Stopwatch.GetTimestamp();
        if (guard.RunAlone(start))
        {
            RunAlone(work, count);
            guard.RecordAlone(start, Stopwatch.GetTimestamp());
            return;
        }
        job = work;
        Volatile.Write(ref unfinished, count);
        long generation = (Volatile.Read(ref ticket) >> 32) + 1;
        Interlocked.Exchange(ref ticket, generation << 32 | (long)count << CountShift); // full fence: publishes job and unfinished
        for (int i = 0; i < workers.Length; i++)
            if (Volatile.Read(ref sleeping[i]) == 1) wakeUp[i].Set();
        int own = ClaimAndRun(generation, work);
        long ownEnd = Stopwatch.GetTimestamp();
        var spin = new SpinWait();
        while (Volatile.Read(ref unfinished) != 0) spin.SpinOnce(sleep1Threshold: -1);
        guard.Record(start, ownEnd, Stopwatch.GetTimestamp(), own, count);
        job = null;
        if (failure is { } error)
        {
            failure = null;
            throw new AggregateException(FailureMessage, error);
        }
    }

    /// <summary>Every chunk in order on this thread, failing as a parallel job fails.</summary>
    private static void RunAlone(IParallelJob work, int count)
    {
        try
        {
            for (int part = 0; part < count; part++) work.Execute(part, count);
        }
        catch (Exception error)
        {
            throw new AggregateException(FailureMessage, error);
        }
    }

    /// <summary>Claims chunks of <paramref name="generation"/>'s job one at a time and runs them. A claim that succeeds
    /// proves the job had not ended when <paramref name="work"/> was read after its generation, so it is that job.</summary>
    /// <returns>How many chunks this thread ran.</returns>
    private int ClaimAndRun(long generation, IParallelJob work)
    {
        int ran = 0;
        while (true)
        {
            long current = Volatile.Read(ref ticket);
            int chunk = (int)(current & ChunkMask), count = (int)(current >> CountShift & ChunkMask);
            if (current >> 32 != generation || chunk >= count) return ran;
            if (Interlocked.CompareExchange(ref ticket, current + 1, current) != current) continue;
            try
            {
                work.Execute(chunk, count);
            }
            catch (Exception error)
            {
                failure = error;
            }
            ran++;
            Interlocked.Decrement(ref unfinished);
        }
    }

    private void WorkerLoop(int index)
    {
        long seen = 0;
        while (!disposed)
        {
            long blockAt = Stopwatch.GetTimestamp() + SpinTicksBeforeBlocking;
            while (Volatile.Read(ref ticket) >> 32 == seen)
            {
                if (disposed) return;
                if (Stopwatch.GetTimestamp() < blockAt)
                {
                    Thread.SpinWait(8);
                    continue;
                }
                wakeUp[index].Reset();
                Interlocked.Exchange(ref sleeping[index], 1); // full fence, paired with RunChunks' exchange
                if (Volatile.Read(ref ticket) >> 32 == seen && !disposed) wakeUp[index].Wait();
                Volatile.Write(ref sleeping[index], 0);
                blockAt = Stopwatch.GetTimestamp() + SpinTicksBeforeBlocking;
            }
            seen = Volatile.Read(ref ticket) >> 32;
            // Read after the generation: if that job has already ended, every claim below fails.
            IParallelJob? work = job;
            if (work is not null) ClaimAndRun(seen, work);
        }
    }

    public void Dispose()
    {
        disposed = true;
        foreach (var wake in wakeUp) wake.Set();
    }

    /// <summary>The [start, end) of <paramref name="part"/> when <paramref name="length"/> items are split in
    /// <paramref name="parts"/>, each boundary a multiple of <paramref name="alignment"/> (SIMD- and cache-line-friendly).
    /// The aligned blocks are dealt out evenly (parts differ by at most one block), so no part is left empty while another
    /// holds two parts' work: rounding each part up to the alignment instead cut 784 GEMM columns in 8 as seven parts of
    /// 112 and an empty eighth, which two threads ran as four against three.</summary>
    public static (int Start, int End) Range(int length, int part, int parts, int alignment = 64)
    {
        long blocks = ((long)length + alignment - 1) / alignment;
        long each = blocks / parts, extra = blocks % parts;
        long Boundary(int p) => Math.Min(length, (each * p + Math.Min(p, extra)) * alignment);
        return ((int)Boundary(part), (int)Boundary(part + 1));
    }
}
