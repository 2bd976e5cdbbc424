namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// A gather, scatter-add or axis copy split into whole items (positions, vocabulary rows or outer blocks): its
/// operands sit in fields and its body is a pointer to a static method, as <see cref="RangeJob"/>'s, so running it
/// allocates nothing. One per calling thread.
/// </summary>
internal sealed unsafe class IndexingJob : IParallelJob
{
    public delegate*<IndexingJob, int, int, void> Body;

    /// <summary>How many items the job splits.</summary>
    public int Count;

    public Tensor? Source, Destination, Ids;

    /// <summary>Floats per item row: D for a table, the inner block (product of the dimensions after the axis) for a copy.</summary>
    public int Width;

    public int SourceAxisLength, DestinationAxisLength, SourceStart, DestinationStart, Length;
    public bool Accumulate;

    public void Execute(int part, int parts)
    {
        var (start, end) = ParallelRunner.Range(Count, part, parts, alignment: 1);
        if (end > start) Body(this, start, end);
    }

    public void Clear() => Source = Destination = Ids = null;
}
