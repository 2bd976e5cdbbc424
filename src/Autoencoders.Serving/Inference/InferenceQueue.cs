using System.Collections.Concurrent;

namespace Autoencoders.Serving.Inference;

/// <summary>
/// Micro-batching: one caller at a time owns the model (its graphs and arenas are built for one caller at a time) and
/// runs one forward pass per operation over every request waiting, up to a number of rows, answering each with its
/// slice. Under load many small GEMMs become a few large ones; a lone request runs at once, on its own thread, with
/// no hand-over to a worker (which cost a single-row request half its speed) and no window to wait out.
/// </summary>
/// <remarks>
/// Whoever submits while nobody owns the model takes it and drains the queue until its own request is answered; if
/// more wait, the draining goes on on the thread pool, so that no request waits for strangers' passes longer than one.
/// </remarks>
internal sealed class InferenceQueue : IAsyncDisposable
{
    private readonly ConcurrentQueue<InferenceJob> jobs = new();
    private readonly ServedModel model;
    private readonly int maxBatchRows;
    private readonly bool batching;
    private int owned; // 1 while a caller owns the model and drains
    private volatile bool closed;
    private long passes, requests;

    /// <param name="batching">False: no queue, each request runs its own pass on its own thread (the model rents a
    /// graph per caller), the baseline that the benchmark compares batching with.</param>
    public InferenceQueue(ServedModel model, int maxBatchRows, bool batching = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatchRows);
        this.model = model;
        this.maxBatchRows = maxBatchRows;
        this.batching = batching;
    }

    /// <summary>Forward passes run so far, and the requests they answered: their ratio is the mean batch size.</summary>
    public long Passes => Interlocked.Read(ref passes);

    public long Requests => Interlocked.Read(ref requests);

    public Task<InferenceResult> Submit(Operation operation, float[] rows, int rowCount, int explain)
    {
        if (closed) throw new InvalidOperationException("the inference queue is shut down");
        var job = new InferenceJob(operation, rows, rowCount, explain);
        if (!batching)
        {
            Run([job]);
            return job.Answer.Task;
        }
        jobs.Enqueue(job);
        if (TryOwn()) Drain(job);
        return job.Answer.Task;
    }

    /// <summary>Holds the model as a pass would, so that submissions queue up meanwhile (tests: a batch made on purpose).</summary>
    internal IDisposable Hold()
    {
        SpinWait.SpinUntil(TryOwn);
        return new Release(this);
    }

    /// <summary>Refuses new requests and waits until the queued ones are answered.</summary>
    public async ValueTask DisposeAsync()
    {
        closed = true;
        while (Volatile.Read(ref owned) != 0 || !jobs.IsEmpty)
        {
            if (TryOwn()) Drain(own: null);
            else await Task.Delay(1).ConfigureAwait(false);
        }
    }

    private bool TryOwn() => Interlocked.CompareExchange(ref owned, 1, 0) == 0;

    /// <summary>Runs batches until <paramref name="own"/> is answered (null: until the queue is empty), then lets go.</summary>
    private void Drain(InferenceJob? own)
    {
        var batch = new List<InferenceJob>();
        while (true)
        {
            while ((own is null || !own.Answer.Task.IsCompleted) && Collect(batch) > 0)
            {
                Run(batch);
                batch.Clear();
            }
            if (!jobs.IsEmpty && own is not null)
            {
                // Others wait: the pool drains for them (still owning), and this request's answer goes out now.
                ThreadPool.UnsafeQueueUserWorkItem(queue => queue.Drain(own: null), this, preferLocal: false);
                return;
            }
            Interlocked.Exchange(ref owned, 0); // a full fence: the emptiness check below must not move above the release
            // A job queued after the last Collect but before the release found the model owned: take it back for it.
            if (jobs.IsEmpty || !TryOwn()) return;
            own = null;
        }
    }

    /// <summary>Moves waiting jobs into <paramref name="batch"/> while they fit under the row cap (the first always does); returns the rows added.</summary>
    private int Collect(List<InferenceJob> batch)
    {
        int rows = 0;
        while (jobs.TryPeek(out var job) && (batch.Count == 0 || rows + job.RowCount <= maxBatchRows) && jobs.TryDequeue(out job))
        {
            batch.Add(job);
            rows += job.RowCount;
        }
        return rows;
    }

    private void Run(List<InferenceJob> batch)
    {
        foreach (var group in batch.GroupBy(job => job.Operation))
        {
            var members = group.ToList();
            try
            {
                InferenceBatch.Answer(model, group.Key, members);
            }
            catch (Exception failure)
            {
                foreach (var job in members) job.Answer.TrySetException(failure);
            }
            Interlocked.Increment(ref passes);
            Interlocked.Add(ref requests, members.Count);
        }
    }

    private sealed class Release(InferenceQueue queue) : IDisposable
    {
        public void Dispose() => queue.Drain(own: null);
    }
}
