using System.Numerics.Tensors;

namespace Autoencoders.Tensors.Backends.Cpu;

// Embedding lookups and their scatter-add, and copies of a window along one axis (slice and concatenate).
public sealed unsafe partial class CpuBackend
{
    private readonly ThreadLocal<IndexingJob> indexingJobs = new(() => new IndexingJob());

    public void Gather(Tensor table, Tensor ids, Tensor output)
    {
        int width = table.Columns;
        if (table.Shape.Rank != 2 || output.Length != ids.Length * width)
            throw new ArgumentException($"expected a table (V, D) and an output of {ids.Length} × D values, received {table.Shape} and {output.Shape}");
        IndexingJob job = indexingJobs.Value!;
        (job.Source, job.Ids, job.Destination, job.Width) = (table, ids, output, width);
        RunIndexing(job, ids.Length, (long)ids.Length * width, &GatherRows);
    }

    // Positions [start, end): output row i = table row ids[i].
    private static void GatherRows(IndexingJob job, int start, int end)
    {
        int width = job.Width;
        ReadOnlySpan<float> table = job.Source!.Span, ids = job.Ids!.Span;
        Span<float> output = job.Destination!.Span;
        for (int i = start; i < end; i++)
            table.Slice((int)ids[i] * width, width).CopyTo(output.Slice(i * width, width));
    }

    public void GatherBackward(Tensor ids, Tensor dOutput, Tensor dTable, bool accumulate)
    {
        int width = dTable.Columns;
        if (dTable.Shape.Rank != 2 || dOutput.Length != ids.Length * width)
            throw new ArgumentException($"expected a table gradient (V, D) and an output gradient of {ids.Length} × D values, received {dTable.Shape} and {dOutput.Shape}");
        IndexingJob job = indexingJobs.Value!;
        (job.Source, job.Ids, job.Destination, job.Width, job.Accumulate) = (dOutput, ids, dTable, width, accumulate);
        // Each part owns a range of vocabulary rows and scans every id: no two parts write the same row, and a row adds
        // its positions in position order, so the sums do not depend on the thread count (no float atomics).
        RunIndexing(job, dTable.Rows, (long)ids.Length * width + dTable.Length, &ScatterAddRows);
    }

    // Vocabulary rows [first, end): dTable row v (+)= Σ over positions i with ids[i] = v of dOutput row i.
    private static void ScatterAddRows(IndexingJob job, int first, int end)
    {
        int width = job.Width;
        ReadOnlySpan<float> upstream = job.Source!.Span, ids = job.Ids!.Span;
        Span<float> table = job.Destination!.Span;
        if (!job.Accumulate)
            table.Slice(first * width, (end - first) * width).Clear(); // first write: rows no id touches get zero
        for (int i = 0; i < ids.Length; i++)
        {
            int row = (int)ids[i];
            if (row < first || row >= end) continue;
            Span<float> target = table.Slice(row * width, width);
            TensorPrimitives.Add(target, upstream.Slice(i * width, width), target);
        }
    }

    public void CopyAlongAxis(Tensor source, int sourceStart, Tensor destination, int destinationStart, int axis, int length, bool accumulate)
    {
        Shape from = source.Shape, to = destination.Shape;
        if (from.Rank != to.Rank || axis < 0 || axis >= from.Rank)
            throw new ArgumentException($"expected two tensors of one rank and an axis within it, received {from}, {to} and axis {axis}");
        int outer = 1, inner = 1;
        for (int d = 0; d < from.Rank; d++)
        {
            if (d != axis && from[d] != to[d])
                throw new ArgumentException($"expected shapes equal except along axis {axis}, received {from} and {to}");
            if (d < axis) outer *= from[d];
            else if (d > axis) inner *= from[d];
        }
        if (length < 0 || sourceStart < 0 || destinationStart < 0 || sourceStart + length > from[axis] || destinationStart + length > to[axis])
            throw new ArgumentException($"a window of {length} along axis {axis} from {sourceStart} in {from} to {destinationStart} in {to} does not fit");
        IndexingJob job = indexingJobs.Value!;
        (job.Source, job.Destination, job.Width, job.Length, job.Accumulate) = (source, destination, inner, length, accumulate);
        (job.SourceAxisLength, job.DestinationAxisLength, job.SourceStart, job.DestinationStart) = (from[axis], to[axis], sourceStart, destinationStart);
        RunIndexing(job, outer, (long)outer * length * inner, &CopyBlocks);
    }

    // Outer indices [start, end): the window is one contiguous block of length × inner floats on either side.
    private static void CopyBlocks(IndexingJob job, int start, int end)
    {
        int block = job.Length * job.Width;
        ReadOnlySpan<float> source = job.Source!.Span;
        Span<float> destination = job.Destination!.Span;
        for (int o = start; o < end; o++)
        {
            var from = source.Slice((o * job.SourceAxisLength + job.SourceStart) * job.Width, block);
            var to = destination.Slice((o * job.DestinationAxisLength + job.DestinationStart) * job.Width, block);
            if (job.Accumulate) TensorPrimitives.Add(to, from, to);
            else from.CopyTo(to);
        }
    }

    private void RunIndexing(IndexingJob job, int count, long work, delegate*<IndexingJob, int, int, void> body)
    {
        job.Count = count;
        job.Body = body;
        runner.Run(job, work >= ParallelThreshold ? Math.Min(count, runner.MaxChunks) : 1);
        job.Clear();
    }
}
