using System.Threading.Channels;

namespace Autoencoders.Serving.Inference;

/// <summary>
/// Micro-batching: requests queue here and one worker owns the model (its graphs and arenas are built for one caller
/// at a time). The worker takes every request already waiting (and, with a window, those that arrive within it), up to
/// a number of rows, runs one forward pass per operation over all their rows, and answers each request with its slice.
/// Under load this turns many small GEMMs into a few large ones; a lone request waits for nobody.
/// </summary>
internal sealed class InferenceQueue : IAsyncDisposable
{
    private readonly Channel<InferenceJob> jobs = Channel.CreateUnbounded<InferenceJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ServedModel model;
    private readonly int maxBatchRows;
    private readonly TimeSpan window;
    private readonly Task worker;
    private InferenceJob? heldOver; // taken from the queue but past the row cap: first in the next pass

    /// <param name="batching">False: no queue, each request runs its own pass on its own thread (the model rents a
    /// graph per caller), the baseline that the benchmark compares batching with.</param>
    public InferenceQueue(ServedModel model, int maxBatchRows, TimeSpan window, bool batching = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatchRows);
        this.model = model;
        this.maxBatchRows = maxBatchRows;
        this.window = window;
        this.batching = batching;
        if (!batching) jobs.Writer.TryComplete();
        worker = batching ? Task.Run(RunAsync) : Task.CompletedTask;
    }

    private readonly bool batching;

    /// <summary>Forward passes run so far, and the requests they answered: their ratio is the mean batch size.</summary>
    public long Passes => Interlocked.Read(ref passes);

    public long Requests => Interlocked.Read(ref requests);

    private long passes, requests;

    public Task<InferenceResult> Submit(Operation operation, float[] rows, int rowCount, int explain)
    {
        var job = new InferenceJob(operation, rows, rowCount, explain);
        if (!batching)
        {
            Run([job]);
            return job.Answer.Task;
        }
        if (!jobs.Writer.TryWrite(job))
            throw new InvalidOperationException("the inference queue is shut down");
        return job.Answer.Task;
    }

    /// <summary>Answers what is queued, then stops the worker.</summary>
    public async ValueTask DisposeAsync()
    {
        jobs.Writer.TryComplete();
        await worker.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<InferenceJob>();
        while (heldOver is not null || await jobs.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            int rows = Collect(batch);
            if (window > TimeSpan.Zero && rows < maxBatchRows && heldOver is null)
            {
                using var timeout = new CancellationTokenSource(window);
                try
                {
                    while (rows < maxBatchRows && heldOver is null && await jobs.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
                        rows += Collect(batch, rows);
                }
                catch (OperationCanceledException)
                {
                    // The window closed: run what came.
                }
            }
            Run(batch);
            batch.Clear();
        }
    }

    /// <summary>Moves waiting jobs into <paramref name="batch"/> while they fit under the row cap (the first always does); returns the rows added.</summary>
    private int Collect(List<InferenceJob> batch, int rowsSoFar = 0)
    {
        int rows = rowsSoFar;
        if (heldOver is { } first)
        {
            heldOver = null;
            batch.Add(first);
            rows += first.RowCount;
        }
        while (rows < maxBatchRows && jobs.Reader.TryRead(out var job))
        {
            if (batch.Count > 0 && rows + job.RowCount > maxBatchRows)
            {
                heldOver = job;
                break;
            }
            batch.Add(job);
            rows += job.RowCount;
        }
        return rows - rowsSoFar;
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
}
