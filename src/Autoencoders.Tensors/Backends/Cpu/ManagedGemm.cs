using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// The GEMM used when OpenBLAS is absent (or fails its self-check). op(B), alpha folded in, is packed once into
/// panels of 2 vectors' worth of columns, each stored row by row over the whole K; each thread takes a block of
/// rows of op(A) and, for each slice of <see cref="DepthBlock"/> values of K, packs it into micro-panels of
/// <see cref="ManagedGemmKernel.Rows"/> rows and runs the register tile over every column panel. A column panel's
/// slice (DepthBlock × 2W floats, 16 KiB at AVX-512) is reused by the block's row panels from L1, the block's
/// packed A (at most <see cref="MaxBlockRows"/> × DepthBlock, 48 KiB) from L2.
/// Every element of C is summed over K in the same order whatever the width, block or thread count, so the result
/// is deterministic and identical on every width; exact to float32 rounding.
/// </summary>
internal static class ManagedGemm
{
    // The same at every width, so that every width sums in the same order; a column panel's slice of it is
    // 16 KiB at AVX-512 (half of L1), less at the others.
    private const int DepthBlock = 128;
    private const int MaxBlockRows = 16 * ManagedGemmKernel.Rows;

    /// <summary>C = alpha · op(A) · op(B) + beta · C on the calling thread (convolutions call it inside their own chunks).</summary>
    public static void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc,
        ManagedGemmWidth width) =>
        Gemm(transposeA, transposeB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, width, runner: null, job: null);

    /// <summary>The same, with blocks of rows shared out by <paramref name="runner"/> through <paramref name="job"/>
    /// (the caller's own, reused call after call, so that a GEMM allocates nothing once its buffers have grown).</summary>
    public static void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc,
        ManagedGemmWidth width, ParallelRunner? runner, ManagedGemmJob? job)
    {
        if (m == 0 || n == 0)
            return;
        ScaleC(m, n, beta, c.AsSpan(cOffset), ldc);
        if (k == 0 || alpha == 0f)
            return;
        var operands = new Operands(transposeA, transposeB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        int panelWidth = 2 * Floats(width);
        int panels = (n + panelWidth - 1) / panelWidth;
        float[] packedB = Grown(ref threadPackedB, panels * panelWidth * k);
        PackB(operands, panelWidth, packedB);

        // Blocks of whole micro-panels, several per thread (as ParallelRunner cuts its jobs), so that a thread the OS
        // deschedules holds up one small block, not half of C.
        int chunks = runner is null || job is null ? 1 : runner.MaxChunks;
        int blockRows = Math.Clamp(RoundUp((m + chunks - 1) / chunks, ManagedGemmKernel.Rows), ManagedGemmKernel.Rows, MaxBlockRows);
        int blocks = (m + blockRows - 1) / blockRows;
        if (blocks == 1 || runner is null || job is null)
        {
            for (int block = 0; block < blocks; block++)
                MultiplyBlock(width, operands, block, blockRows, panelWidth, packedB);
        }
        else
        {
            job.Set(width, operands, blockRows, blocks, panelWidth, packedB);
            runner.Run(job, Math.Min(blocks, runner.MaxChunks));
            job.Clear();
        }
    }

    internal readonly record struct Operands(bool TransposeA, bool TransposeB, int M, int N, int K, float Alpha,
        float[] A, int AOffset, int Lda, float[] B, int BOffset, int Ldb, float[] C, int COffset, int Ldc);

    private static int Floats(ManagedGemmWidth width) => width switch
    {
        ManagedGemmWidth.Vector512 => Float512.Count,
        ManagedGemmWidth.Vector256 => Float256.Count,
        _ => Float128.Count,
    };

    /// <summary>Rows block · blockRows … of C, with its own packed A (and the tile's scratch for the edges of C) in this thread's buffer.</summary>
    internal static void MultiplyBlock(ManagedGemmWidth width, in Operands o, int block, int blockRows, int panelWidth, float[] packedB)
    {
        float[] packedA = Grown(ref threadPackedA, blockRows * DepthBlock + ManagedGemmKernel.Rows * panelWidth);
        int row0 = block * blockRows, rows = Math.Min(blockRows, o.M - row0);
        switch (width)
        {
            case ManagedGemmWidth.Vector512: MultiplyBlock<Float512, Vector512<float>>(o, row0, rows, panelWidth, packedA, packedB); break;
            case ManagedGemmWidth.Vector256: MultiplyBlock<Float256, Vector256<float>>(o, row0, rows, panelWidth, packedA, packedB); break;
            default: MultiplyBlock<Float128, Vector128<float>>(o, row0, rows, panelWidth, packedA, packedB); break;
        }
    }

    // Packing buffers of each thread (the caller's and the runner's persistent workers), grown to the largest GEMM seen
    // and then kept: no pool that a collection may trim, so a warm training step allocates nothing. A thread packs B
    // for one GEMM at a time (a job's workers only read it), and A for one block at a time.
    [ThreadStatic] private static float[]? threadPackedA, threadPackedB;

    private static float[] Grown(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
            buffer = new float[length];
        return buffer;
    }

    private static void MultiplyBlock<TFloats, TVector>(in Operands o, int row0, int rows, int panelWidth, float[] packedA, float[] packedB)
        where TFloats : struct, IFloatVector<TVector>
        where TVector : struct
    {
        const int panelRows = ManagedGemmKernel.Rows;
        ref float aRef = ref MemoryMarshal.GetArrayDataReference(packedA);
        ref float bRef = ref MemoryMarshal.GetArrayDataReference(packedB);
        ref float cRef = ref MemoryMarshal.GetArrayDataReference(o.C);
        ref float scratch = ref Unsafe.Add(ref aRef, packedA.Length - panelRows * panelWidth);
        for (int p0 = 0; p0 < o.K; p0 += DepthBlock)
        {
            int depth = Math.Min(DepthBlock, o.K - p0);
            PackA(o, row0, rows, p0, depth, packedA);
            for (int column0 = 0; column0 < o.N; column0 += panelWidth)
            {
                // Panel column0 / panelWidth, from row p0 of K.
                ref float bPanel = ref Unsafe.Add(ref bRef, (column0 * o.K) + p0 * panelWidth);
                int columns = Math.Min(panelWidth, o.N - column0);
                for (int r0 = 0; r0 < rows; r0 += panelRows)
                    ManagedGemmKernel.Tile<TFloats, TVector>(ref Unsafe.Add(ref aRef, r0 * depth), ref bPanel, depth,
                        ref Unsafe.Add(ref cRef, o.COffset + (row0 + r0) * o.Ldc + column0), o.Ldc, Math.Min(panelRows, rows - r0), columns, ref scratch);
            }
        }
    }

    private static void ScaleC(int m, int n, float beta, Span<float> c, int ldc)
    {
        for (int i = 0; i < m; i++)
        {
            Span<float> row = c.Slice(i * ldc, n);
            if (beta == 0f) row.Clear();
            else if (beta != 1f) System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
        }
    }

    // packed[(column0 · K) + p · panelWidth + x] = alpha · op(B)[p, column0 + x] for the panel at column0; zero past N.
    private static void PackB(in Operands o, int panelWidth, float[] packed)
    {
        for (int column0 = 0; column0 < o.N; column0 += panelWidth)
        {
            int columns = Math.Min(panelWidth, o.N - column0);
            Span<float> panel = packed.AsSpan(column0 * o.K, panelWidth * o.K);
            if (columns < panelWidth) panel.Clear();
            for (int p = 0; p < o.K; p++)
                for (int x = 0; x < columns; x++)
                {
                    int j = column0 + x;
                    panel[p * panelWidth + x] = o.Alpha * (o.TransposeB ? o.B[o.BOffset + j * o.Ldb + p] : o.B[o.BOffset + p * o.Ldb + j]);
                }
        }
    }

    // packed[r0 · depth + p · Rows + r] = op(A)[row0 + r0 + r, p0 + p] for the micro-panel at r0; zero past the block's rows.
    private static void PackA(in Operands o, int row0, int rows, int p0, int depth, float[] packed)
    {
        const int panelRows = ManagedGemmKernel.Rows;
        int paddedRows = RoundUp(rows, panelRows);
        if (paddedRows > rows) packed.AsSpan(0, paddedRows * depth).Clear();
        for (int r = 0; r < rows; r++)
        {
            int i = row0 + r, panelStart = r / panelRows * panelRows * depth, lane = r % panelRows;
            for (int p = 0; p < depth; p++)
                packed[panelStart + p * panelRows + lane] = o.TransposeA ? o.A[o.AOffset + (p0 + p) * o.Lda + i] : o.A[o.AOffset + i * o.Lda + p0 + p];
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
