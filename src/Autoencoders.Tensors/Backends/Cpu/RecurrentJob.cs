using System.Numerics.Tensors;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// A recurrent layer's pass over a batch of sequences, split by samples: the sequences of a batch do not interact, so
/// each chunk runs the whole time loop for its own block of samples (its input projection as one GEMM, then per step
/// one small GEMM through W_hh and the gate math) with no synchronisation between steps: one fork and join per pass.
/// Backward, each chunk also runs its block's dx GEMM and sums its block's weight and bias gradients into buffers of its
/// own, which <see cref="ReduceGradients"/> adds in chunk order. The chunk count depends on the batch size alone
/// (<see cref="PartsFor"/>), never on the thread count, so results are the same on any number of threads.
/// Layouts are batch-first: x (N, T, C), per-step rows of (N, T, ·) tensors are T rows apart, which the GEMMs take as
/// their leading dimension, so nothing is transposed.
/// </summary>
internal abstract class RecurrentJob : IParallelJob
{
    /// <summary>Samples per chunk at least. OpenBLAS runs the per-step GEMMs (m × 4H × H, H = 64) as fast at m = 32 as at
    /// 64 and at half the speed at 16 (measured), so the lstm workload's batch of 128 is cut in 4 chunks: two threads
    /// claim them as they come, and one that the OS deschedules holds up a quarter of the batch, not half.</summary>
    public const int MinimumRowsPerPart = 32;

    public const int MaximumParts = 12;

    private readonly ManagedGemmWidth managedWidth;
    private OpenBlas? blas;
    private float[] partials = [];
    private int partialLength, partCount;

    protected RecurrentJob(ManagedGemmWidth managedWidth) => this.managedWidth = managedWidth;

    /// <summary>The chunks a batch of <paramref name="batch"/> sequences is cut into.</summary>
    public static int PartsFor(int batch) => Math.Clamp(batch / MinimumRowsPerPart, 1, MaximumParts);

    protected bool Training;
    protected int Batch, Steps, Inputs, Units;

    public void Begin(OpenBlas? library, bool training, int batch, int steps, int inputs, int units, int gradientLength)
    {
        (blas, Training, Batch, Steps, Inputs, Units) = (library, training, batch, steps, inputs, units);
        partCount = PartsFor(batch);
        partialLength = gradientLength;
        if (training && partials.Length < partCount * gradientLength) partials = Tensor.AllocateBuffer(partCount * gradientLength);
    }

    public int Parts => partCount;

    public void Execute(int part, int parts)
    {
        var (start, end) = ParallelRunner.Range(Batch, part, parts, alignment: 1);
        if (end <= start) return;
        if (Training) Backward(start, end, partials, part * partialLength);
        else Forward(start, end);
    }

    protected abstract void Forward(int start, int end);

    /// <summary>The backward pass of samples [start, end); <paramref name="gradients"/> from <paramref name="at"/> receives this
    /// chunk's weight and bias gradients, laid out as the destinations of <see cref="ReduceGradients"/>, overwritten.</summary>
    protected abstract void Backward(int start, int end, float[] gradients, int at);

    /// <summary>Adds the chunks' gradient sums, in chunk order, into the destinations, which lie end to end in the
    /// chunk buffers in the order given; a null destination is skipped.</summary>
    public void ReduceGradients(ReadOnlySpan<(Tensor? Destination, bool Accumulate, int Length)> destinations)
    {
        int offset = 0;
        foreach (var (destination, accumulate, length) in destinations)
        {
            if (destination is not null)
            {
                Span<float> sums = destination.Span;
                if (!accumulate) sums.Clear();
                for (int part = 0; part < partCount; part++)
                    TensorPrimitives.Add(sums, partials.AsSpan(part * partialLength + offset, length), sums);
            }
            offset += length;
        }
    }

    /// <summary>Row-major C = op(A) · op(B) + beta · C on the calling thread.</summary>
    protected void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float[] a, int aOffset, int lda,
        float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc)
    {
        if (m == 0 || n == 0) return;
        if (blas is not null)
            blas.Gemm(transposeA, transposeB, m, n, k, 1f, a.AsSpan(aOffset), lda, b.AsSpan(bOffset), ldb, beta, c.AsSpan(cOffset), ldc);
        else
            ManagedGemm.Gemm(transposeA, transposeB, m, n, k, 1f, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, managedWidth);
    }

    /// <summary>Σ over <paramref name="rows"/> rows of <paramref name="width"/> values each, into <paramref name="sums"/> (overwritten).</summary>
    protected static void SumRows(ReadOnlySpan<float> matrix, int rows, int width, Span<float> sums)
    {
        sums.Clear();
        for (int r = 0; r < rows; r++) TensorPrimitives.Add(sums, matrix.Slice(r * width, width), sums);
    }

    /// <summary>recurrentT (H, G) = W_hhᵀ, written once per pass before the chunks run: the per-step GEMM h · W_hhᵀ reads
    /// it untransposed, which OpenBLAS runs about 30% faster at these sizes (measured, m = 32, H = 64).</summary>
    public static void Transpose(ReadOnlySpan<float> weightHh, int gateRows, int units, Span<float> recurrentT)
    {
        for (int r = 0; r < gateRows; r++)
            for (int c = 0; c < units; c++) recurrentT[c * gateRows + r] = weightHh[r * units + c];
    }

    /// <summary>Whether step t of sample n is real (not padding).</summary>
    protected static bool IsReal(Tensor? mask, int index) => mask is null || mask.Buffer[mask.Offset + index] != 0f;
}
