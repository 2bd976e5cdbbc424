namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>A piece of work split into <c>parts</c> equal parts, one per thread.</summary>
internal interface IParallelJob
{
    void Execute(int part, int parts);
}

/// <summary>
/// Runs a job on every core: the calling thread does part 0, persistent worker threads the rest.
/// Workers spin for about a millisecond after each job before they block, because a training step is a
/// stream of short kernels and waking a blocked thread costs more than most of them take (OpenBLAS's
/// own threads wait the same way). No allocation per job; callers on several threads take turns.
/// </summary>
internal sealed class ParallelRunner : IDisposable
{
    private const int SpinsBeforeBlocking = 20_000;

    private readonly Thread[] workers;
    private readonly ManualResetEventSlim[] wakeUp;
    private readonly int[] sleeping;
    private IParallelJob? job;
    private int parts;
    private int generation;
    private int pending;
    private volatile bool disposed;
    private Exception? failure;
    private readonly Lock gate = new();

    public ParallelRunner(int threads)
    {
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

    /// <summary>Runs <paramref name="work"/> in min(<paramref name="partCount"/>, Threads) parts and returns when all are done.</summary>
    public void Run(IParallelJob work, int partCount)
    {
        int count = Math.Min(partCount, Threads);
        if (count <= 1)
        {
            work.Execute(0, 1);
            return;
        }
        lock (gate)
            RunOnAll(work, count);
    }

    private void RunOnAll(IParallelJob work, int count)
    {
        job = work;
        parts = count;
        Volatile.Write(ref pending, count - 1);
        Interlocked.Increment(ref generation); // full fence: publishes job, parts and pending
        for (int i = 0; i < count - 1; i++)
            if (Volatile.Read(ref sleeping[i]) == 1) wakeUp[i].Set();
        work.Execute(0, count);
        var spin = new SpinWait();
        while (Volatile.Read(ref pending) != 0) spin.SpinOnce(sleep1Threshold: -1);
        job = null;
        if (failure is { } error)
        {
            failure = null;
            throw new AggregateException("a kernel failed on a worker thread", error);
        }
    }

    private void WorkerLoop(int index)
    {
        int seen = 0;
        while (!disposed)
        {
            int spins = 0;
            while (Volatile.Read(ref generation) == seen)
            {
                if (disposed) return;
                if (++spins < SpinsBeforeBlocking)
                {
                    Thread.SpinWait(8);
                    continue;
                }
                wakeUp[index].Reset();
                Interlocked.Exchange(ref sleeping[index], 1); // full fence, paired with Run's increment
                if (Volatile.Read(ref generation) == seen && !disposed) wakeUp[index].Wait();
                Volatile.Write(ref sleeping[index], 0);
                spins = 0;
            }
            seen = Volatile.Read(ref generation);
            if (index + 1 >= parts) continue; // a job of fewer parts than threads leaves this worker out
            try
            {
                job!.Execute(index + 1, parts);
            }
            catch (Exception error)
            {
                failure = error;
            }
            Interlocked.Decrement(ref pending);
        }
    }

    public void Dispose()
    {
        disposed = true;
        foreach (var wake in wakeUp) wake.Set();
    }

    /// <summary>The [start, end) of <paramref name="part"/> when <paramref name="length"/> items are split in
    /// <paramref name="parts"/>, each boundary a multiple of <paramref name="alignment"/> (SIMD- and cache-line-friendly).</summary>
    public static (int Start, int End) Range(int length, int part, int parts, int alignment = 64)
    {
        long chunk = ((long)length + parts - 1) / parts;
        chunk = (chunk + alignment - 1) / alignment * alignment;
        int start = (int)Math.Min(length, chunk * part);
        int end = (int)Math.Min(length, chunk * (part + 1));
        return (start, end);
    }
}
