namespace Autoencoders.Data;

/// <summary>Walks an <see cref="IBatchSource"/> in batches, optionally in a seeded random order, into a caller's buffer.</summary>
/// <remarks>
/// Usage per epoch: <see cref="BeginEpoch"/>, then <see cref="TryFillNext"/> until it returns false. Each
/// epoch visits every row exactly once; the last batch holds the remainder. Nothing is allocated per batch or
/// per epoch: the order array is made once and reused, and rows are copied into the caller's buffer.
/// </remarks>
public sealed class BatchIterator
{
    private readonly IBatchSource source;
    private readonly DeterministicRandom? random;
    private readonly int[] order;
    private int position = -1;
    private int currentStart;
    private int currentLength;

    /// <summary>Creates an iterator; <paramref name="shuffle"/> requires <paramref name="random"/>, which fixes the order.</summary>
    public BatchIterator(IBatchSource source, int batchSize, bool shuffle, DeterministicRandom? random = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (shuffle && random is null)
        {
            throw new ArgumentException("shuffling needs a seeded DeterministicRandom so that runs are reproducible", nameof(random));
        }

        this.source = source;
        this.random = shuffle ? random : null;
        BatchSize = batchSize;
        order = new int[source.Count];
    }

    /// <summary>Rows per batch (the last batch of an epoch may hold fewer).</summary>
    public int BatchSize { get; }

    /// <summary>Batches per epoch: <c>ceil(Count / BatchSize)</c>.</summary>
    public int BatchesPerEpoch => (order.Length + BatchSize - 1) / BatchSize;

    /// <summary>Floats the caller's buffer needs: <c>BatchSize × FeatureCount</c>.</summary>
    public int BufferLength => checked(BatchSize * source.FeatureCount);

    /// <summary>Indices into the source of the rows in the batch last filled, in buffer order (e.g. to look up labels).</summary>
    public ReadOnlySpan<int> CurrentRowIndices => order.AsSpan(currentStart, currentLength);

    /// <summary>Starts an epoch: rewinds and, when shuffling, draws a new order from the generator.</summary>
    public void BeginEpoch() => BeginEpoch(0);

    /// <summary>Starts an epoch as <see cref="BeginEpoch()"/> does, then passes over its first
    /// <paramref name="skippedBatches"/> batches without copying them: how a resumed run picks up in mid-epoch.</summary>
    public void BeginEpoch(int skippedBatches)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skippedBatches);
        // Restarting from the identity makes each epoch's order depend only on the generator's state.
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        random?.Shuffle(order.AsSpan());
        position = (int)Math.Min((long)skippedBatches * BatchSize, order.Length);
        currentStart = 0;
        currentLength = 0;
    }

    /// <summary>The number of rows the next <see cref="TryFillNext"/> writes: the batch size, fewer at the end, 0 when done.</summary>
    public int NextBatchRows => position < 0 ? 0 : Math.Min(BatchSize, order.Length - position);

    /// <summary>Copies the next batch into <paramref name="destination"/>; false when the epoch is over.</summary>
    /// <param name="destination">Shape <c>(rows, FeatureCount)</c> row-major, rows = <see cref="NextBatchRows"/>
    /// (a buffer of <see cref="BufferLength"/> fits every batch); reused from batch to batch.</param>
    /// <param name="rowCount">Rows written: <see cref="BatchSize"/>, or fewer for the last batch.</param>
    public bool TryFillNext(Span<float> destination, out int rowCount)
    {
        if (position < 0)
        {
            throw new InvalidOperationException("call BeginEpoch before the first batch");
        }
        rowCount = NextBatchRows;
        if (destination.Length < rowCount * source.FeatureCount)
        {
            throw new ArgumentException($"batch buffer holds {destination.Length} floats, expected at least {rowCount * source.FeatureCount} ({rowCount} rows × {source.FeatureCount} features)", nameof(destination));
        }

        currentStart = position;
        currentLength = rowCount;
        if (rowCount == 0)
        {
            return false;
        }

        source.CopyRows(order.AsSpan(position, rowCount), destination);
        position += rowCount;
        return true;
    }
}
