namespace Autoencoders.Data.Tests;

public sealed class BatchIteratorTests
{
    // Row i holds (i, −i), so every copied row names its index.
    private static Dataset Indexed(int count) =>
        new(Enumerable.Range(0, count).SelectMany(i => new[] { (float)i, -i }).ToArray(), featureCount: 2);

    private static List<int[]> Epoch(BatchIterator iterator, float[] buffer)
    {
        var batches = new List<int[]>();
        iterator.BeginEpoch();
        while (iterator.TryFillNext(buffer, out int rows))
        {
            int[] fromBuffer = Enumerable.Range(0, rows).Select(row => (int)buffer[2 * row]).ToArray();
            Assert.Equal(fromBuffer.Select(index => (float)-index), Enumerable.Range(0, rows).Select(row => buffer[2 * row + 1]));
            Assert.Equal(fromBuffer, iterator.CurrentRowIndices.ToArray());
            batches.Add(fromBuffer);
        }
        return batches;
    }

    [Fact]
    public void EveryRowAppearsExactlyOncePerEpochAndTheLastBatchIsPartial()
    {
        var iterator = new BatchIterator(Indexed(10), batchSize: 4, shuffle: true, new DeterministicRandom(1));
        var buffer = new float[iterator.BufferLength];

        for (int epoch = 0; epoch < 3; epoch++)
        {
            List<int[]> batches = Epoch(iterator, buffer);

            Assert.Equal([4, 4, 2], batches.Select(batch => batch.Length));
            Assert.Equal(Enumerable.Range(0, 10), batches.SelectMany(batch => batch).Order());
        }
        Assert.Equal(3, iterator.BatchesPerEpoch);
    }

    [Fact]
    public void WithoutShuffleRowsComeInOrder()
    {
        var iterator = new BatchIterator(Indexed(5), batchSize: 2, shuffle: false);

        List<int[]> batches = Epoch(iterator, new float[4]);

        Assert.Equal([[0, 1], [2, 3], [4]], batches);
    }

    [Fact]
    public void SameSeedSameOrderOtherSeedOtherOrder()
    {
        Dataset data = Indexed(100);
        int[] Order(ulong seed, int epochs)
        {
            var iterator = new BatchIterator(data, 16, shuffle: true, new DeterministicRandom(seed));
            var buffer = new float[iterator.BufferLength];
            List<int[]> last = [];
            for (int i = 0; i < epochs; i++)
            {
                last = Epoch(iterator, buffer);
            }
            return last.SelectMany(batch => batch).ToArray();
        }

        Assert.Equal(Order(5, 1), Order(5, 1));
        Assert.Equal(Order(5, 2), Order(5, 2));
        Assert.NotEqual(Order(5, 1), Order(6, 1));
        Assert.NotEqual(Order(5, 1), Order(5, 2));
        Assert.NotEqual(Enumerable.Range(0, 100), Order(5, 1));
    }

    [Fact]
    public void SteadyStateBatchesAllocateNothing()
    {
        var iterator = new BatchIterator(Indexed(1_000), batchSize: 32, shuffle: true, new DeterministicRandom(2));
        var buffer = new float[iterator.BufferLength];
        Epoch(iterator, buffer);

        // The least of three windows of 20 epochs: a one-off allocation of the runtime's (a method promoted to its
        // optimised tier meanwhile) is not the iterator's; a per-batch one shows in every window.
        long allocated = long.MaxValue;
        int batches = 0;
        for (int window = 0; window < 3; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int epoch = 0; epoch < 20; epoch++)
            {
                iterator.BeginEpoch();
                while (iterator.TryFillNext(buffer, out _))
                {
                    batches++;
                }
            }
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(3 * 20 * 32, batches);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void MisuseIsReportedClearly()
    {
        Dataset data = Indexed(4);

        Assert.Throws<ArgumentException>(() => new BatchIterator(data, 2, shuffle: true, random: null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchIterator(data, 0, shuffle: false));
        var iterator = new BatchIterator(data, 2, shuffle: false);
        Assert.Throws<InvalidOperationException>(() => iterator.TryFillNext(new float[4], out _));
        iterator.BeginEpoch();
        var exception = Assert.Throws<ArgumentException>(() => iterator.TryFillNext(new float[3], out _));
        Assert.Contains("expected at least 4", exception.Message);
    }

    [Fact]
    public void EmptySourceHasNoBatches()
    {
        var iterator = new BatchIterator(new Dataset([], featureCount: 3), 8, shuffle: true, new DeterministicRandom(0));
        iterator.BeginEpoch();

        Assert.False(iterator.TryFillNext(new float[24], out int rows));
        Assert.Equal(0, rows);
        Assert.Equal(0, iterator.BatchesPerEpoch);
    }
}
