namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// One GEMM split over the cores by blocks of C: by rows when C is tall, by columns when it is wide. Every
/// element of C is computed by one thread over the whole K, so the result does not depend on the split.
/// </summary>
internal sealed class GemmJob : IParallelJob
{
    private OpenBlas? blas;
    private bool transposeA, transposeB, splitRows;
    private int m, n, k;
    private float alpha, beta;
    private Tensor? a, b, c;

    public void Set(OpenBlas library, bool transA, bool transB, int rows, int columns, int depth, float alphaValue, Tensor left, Tensor right, float betaValue, Tensor output)
    {
        (blas, transposeA, transposeB, m, n, k, alpha, a, b, beta, c) = (library, transA, transB, rows, columns, depth, alphaValue, left, right, betaValue, output);
        splitRows = m >= n;
    }

    public void Clear() => a = b = c = null;

    public void Execute(int part, int parts)
    {
        int lda = a!.Columns, ldb = b!.Columns, ldc = c!.Columns;
        if (splitRows)
        {
            var (start, end) = ParallelRunner.Range(m, part, parts, alignment: 8);
            if (end <= start) return;
            // Rows start..end of op(A): rows of A, or columns of A when it is transposed.
            int aOffset = a.Offset + (transposeA ? start : start * lda);
            blas!.Gemm(transposeA, transposeB, end - start, n, k, alpha,
                a.Buffer.AsSpan(aOffset), lda, b.Buffer.AsSpan(b.Offset), ldb, beta, c.Buffer.AsSpan(c.Offset + start * ldc), ldc);
        }
        else
        {
            var (start, end) = ParallelRunner.Range(n, part, parts, alignment: 16);
            if (end <= start) return;
            // Columns start..end of op(B): columns of B, or rows of B when it is transposed.
            int bOffset = b.Offset + (transposeB ? start * ldb : start);
            blas!.Gemm(transposeA, transposeB, m, end - start, k, alpha,
                a.Buffer.AsSpan(a.Offset), lda, b.Buffer.AsSpan(bOffset), ldb, beta, c.Buffer.AsSpan(c.Offset + start), ldc);
        }
    }
}
