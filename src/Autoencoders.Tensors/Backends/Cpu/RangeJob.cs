namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// An elementwise kernel split into contiguous ranges: its operands sit in fields and its body is a
/// pointer to a static method, so handing it to the <see cref="ParallelRunner"/> allocates nothing.
/// One instance per backend, reused by every kernel.
/// </summary>
internal sealed unsafe class RangeJob : IParallelJob
{
    public delegate*<RangeJob, int, int, int, void> Body;
    public int Length;
    public Tensor? A, B, C, D, E;
    public float Scalar0, Scalar1, Scalar2, Scalar3, Scalar4;
    public int Integer, Integer2;

    /// <summary>Range boundaries are multiples of this: 64 elements by default, 1 for jobs over whole items.</summary>
    public int Alignment = 64;
    public bool Flag;
    public UnaryOp Unary;

    /// <summary>Per-chunk results of a reduction, added in chunk order so that sums do not depend on timing.</summary>
    public readonly double[] Partials;

    /// <summary>How many chunks the last run had: the entries of <see cref="Partials"/> that count.</summary>
    public int PartialCount;

    public RangeJob(int maxChunks) => Partials = new double[maxChunks];

    public void Execute(int part, int parts)
    {
        var (start, end) = ParallelRunner.Range(Length, part, parts, Alignment);
        PartialCount = parts;
        Partials[part] = 0;
        if (end > start) Body(this, start, end, part);
    }

    public void Clear()
    {
        A = B = C = D = E = null;
        Alignment = 64;
    }
}
