using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// The managed GEMM: where OpenBLAS is absent (or fails its self-check), and on AVX-512 CPUs where OpenBLAS runs 256-bit
/// kernels (<see cref="GemmKernelChoice"/>). op(B) is packed once (the threads sharing its panels out; a short A reads B in place)
/// into panels of 2 vectors' worth of columns, each stored row by row over the whole K; each thread takes a block of
/// rows of op(A) and, for each slice of <see cref="DepthBlock"/> values of K, packs it into micro-panels of
/// <see cref="ManagedGemmKernel.RowsAt"/> rows and runs the register tile over every column panel. A column panel's
/// slice (DepthBlock × 2W floats, 16 KiB at AVX-512) is reused by the block's row panels from L1, the block's
/// packed A (at most <see cref="MaxBlockRows"/> × DepthBlock, 48 KiB) from L2. Packing runs at memory speed (unchecked
/// references, 8 × 8 register transposes for a transposed B and an untransposed A): a convolution's GEMMs, with 32 rows
/// of A or 32 columns of B, multiply-add each packed value only 32 times.
/// Every element of C is summed over K in the same order whatever the width, block or thread count, so the result
/// is deterministic and identical on every width; exact to float32 rounding.
/// </summary>
internal static class ManagedGemm
{
    // The same at every width, so that every width sums in the same order; a column panel's slice of it is
    // 16 KiB at AVX-512 (half of L1), less at the others.
    private const int DepthBlock = 128;
    private const int MaxBlockRows = 8 * ManagedGemmKernel.WideRows;

    // A C narrower than this (and at least twice as tall) is computed transposed: AVX-512's register tile is 32 wide.
    private const int NarrowColumns = 32;

    // Below this many values of B, packing it is not worth a hand-off to the other threads.
    private const long ParallelPackValues = 1 << 16;

    // Up to this many rows of op(A), an untransposed B is not packed.
    private const int DirectRows = 48;

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
        int panelWidth = 2 * Floats(width);
        if (n < NarrowColumns && m >= 2 * NarrowColumns)
        {
            // A narrow C (a VAE's 20 latent units) would fill a fraction of each register tile: compute Cᵀ = op(B)ᵀ op(A)ᵀ,
            // whose long side is the vectorised one, and add it transposed. The same rule at every width, so that every
            // width still gives the same bits (alpha then scales B's values, not A's).
            float[] transposed = ThreadBuffer.Grown(ref threadTransposedC, m * n, ref largestTransposedC);
            Gemm(!transposeB, !transposeA, n, m, k, alpha, b, bOffset, ldb, a, aOffset, lda, 0f, transposed, 0, m, width, runner, job);
            MatrixTranspose.Into(transposed, n, m, c.AsSpan(cOffset), ldc, accumulate: true); // C[i, j] += transposed[j · m + i]
            return;
        }
        var operands = new Operands(transposeA, transposeB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        int panels = (n + panelWidth - 1) / panelWidth;
        bool parallel = runner is not null && job is not null;
        // A short A (a convolution's 32 output channels, 9 taps) uses each value of B only a few times: packing B would
        // cost about as much as the product, so an untransposed B is read where it lies (only its last, partial panel copied).
        float[]? packedB = !transposeB && m <= DirectRows ? null : ThreadBuffer.Grown(ref threadPackedB, panels * panelWidth * k, ref largestPackedB);
        if (packedB is not null && parallel && panels > 1 && (long)k * n >= ParallelPackValues)
        {
            // Packing B is a pass over all of it: split over the threads too, or the others wait for it.
            job!.SetPacking(operands, panelWidth, panels, packedB);
            runner!.Run(job, Math.Min(panels, runner.MaxChunks));
        }
        else if (packedB is not null)
            PackB(operands, panelWidth, packedB, 0, panels);

        // Blocks of whole micro-panels, several per thread (as ParallelRunner cuts its jobs), so that a thread the OS
        // deschedules holds up one small block, not half of C.
        int chunks = runner is null || job is null ? 1 : runner.MaxChunks;
        int panelRows = ManagedGemmKernel.RowsAt(width);
        int blockRows = Math.Clamp(RoundUp((m + chunks - 1) / chunks, panelRows), panelRows, MaxBlockRows);
        int blocks = (m + blockRows - 1) / blockRows;
        if (blocks == 1 || !parallel)
        {
            for (int block = 0; block < blocks; block++)
                MultiplyBlock(width, operands, block, blockRows, panelWidth, packedB);
        }
        else
        {
            job!.Set(width, operands, blockRows, blocks, panelWidth, packedB);
            runner!.Run(job, Math.Min(blocks, runner.MaxChunks));
        }
        job?.Clear();
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
    internal static void MultiplyBlock(ManagedGemmWidth width, in Operands o, int block, int blockRows, int panelWidth, float[]? packedB)
    {
        float[] packedA = ThreadBuffer.Grown(ref threadPackedA, blockRows * DepthBlock + ManagedGemmKernel.WideRows * panelWidth, ref largestPackedA);
        int row0 = block * blockRows, rows = Math.Min(blockRows, o.M - row0);
        switch (width)
        {
            case ManagedGemmWidth.Vector512: MultiplyBlock<Float512, Vector512<float>>(o, row0, rows, panelWidth, packedA, packedB); break;
            case ManagedGemmWidth.Vector256: MultiplyBlock<Float256, Vector256<float>>(o, row0, rows, panelWidth, packedA, packedB); break;
            default: MultiplyBlock<Float128, Vector128<float>>(o, row0, rows, panelWidth, packedA, packedB); break;
        }
    }

    // Packing buffers of each thread (the caller's and the runner's persistent workers), grown to the largest GEMM seen
    // by any thread and then kept (ThreadBuffer), so a warm training step allocates nothing. A thread packs B for one
    // GEMM at a time (a job's workers only read it), and A for one block at a time.
    [ThreadStatic] private static float[]? threadPackedA, threadPackedB, threadEdgeB, threadTransposedC;
    private static int largestPackedA, largestPackedB, largestEdgeB, largestTransposedC;

    private static void MultiplyBlock<TFloats, TVector>(in Operands o, int row0, int rows, int panelWidth, float[] packedA, float[]? packedB)
        where TFloats : struct, IFloatVector<TVector>
        where TVector : struct
    {
        bool wide = TFloats.Count == Float512.Count;
        int panelRows = wide ? ManagedGemmKernel.WideRows : ManagedGemmKernel.Rows;
        ref float aRef = ref MemoryMarshal.GetArrayDataReference(packedA);
        ref float bRef = ref MemoryMarshal.GetArrayDataReference(packedB ?? o.B);
        ref float cRef = ref MemoryMarshal.GetArrayDataReference(o.C);
        ref float scratch = ref Unsafe.Add(ref aRef, packedA.Length - ManagedGemmKernel.WideRows * panelWidth);
        float[]? edge = packedB is null ? ThreadBuffer.Grown(ref threadEdgeB, DepthBlock * panelWidth, ref largestEdgeB) : null;
        for (int p0 = 0; p0 < o.K; p0 += DepthBlock)
        {
            int depth = Math.Min(DepthBlock, o.K - p0);
            PackA(o, row0, rows, p0, depth, panelRows, packedA);
            for (int column0 = 0; column0 < o.N; column0 += panelWidth)
            {
                // Panel column0 / panelWidth, from row p0 of K: packed, or in place in B (a partial panel copied into edge).
                int columns = Math.Min(panelWidth, o.N - column0);
                int bStride = panelWidth;
                ref float bPanel = ref Unsafe.Add(ref bRef, (column0 * o.K) + p0 * panelWidth);
                if (edge is not null && columns == panelWidth)
                {
                    bPanel = ref Unsafe.Add(ref bRef, o.BOffset + p0 * o.Ldb + column0);
                    bStride = o.Ldb;
                }
                else if (edge is not null)
                {
                    CopyEdge(o, p0, depth, column0, columns, panelWidth, edge);
                    bPanel = ref MemoryMarshal.GetArrayDataReference(edge);
                }
                for (int r0 = 0; r0 < rows; r0 += panelRows)
                    if (wide)
                        ManagedGemmKernel.WideTile(ref Unsafe.Add(ref aRef, r0 * depth), ref bPanel, bStride, depth,
                            ref Unsafe.Add(ref cRef, o.COffset + (row0 + r0) * o.Ldc + column0), o.Ldc, Math.Min(panelRows, rows - r0), columns, ref scratch);
                    else
                        ManagedGemmKernel.Tile<TFloats, TVector>(ref Unsafe.Add(ref aRef, r0 * depth), ref bPanel, bStride, depth,
                        ref Unsafe.Add(ref cRef, o.COffset + (row0 + r0) * o.Ldc + column0), o.Ldc, Math.Min(panelRows, rows - r0), columns, ref scratch);
            }
        }
    }

    // edge[p · panelWidth + x] = B[p0 + p, column0 + x] for the last, partial panel of an unpacked B; zero past N.
    private static void CopyEdge(in Operands o, int p0, int depth, int column0, int columns, int panelWidth, float[] edge)
    {
        Span<float> panel = edge.AsSpan(0, depth * panelWidth);
        panel.Clear();
        for (int p = 0; p < depth; p++)
            o.B.AsSpan(o.BOffset + (p0 + p) * o.Ldb + column0, columns).CopyTo(panel.Slice(p * panelWidth, columns));
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

    // packed[(column0 · K) + p · panelWidth + x] = op(B)[p, column0 + x] for the panel at column0; zero past N.
    // Packing touches each element of B once, against M multiply-adds: for a short A (a convolution's 32 output channels)
    // it costs as much as the product unless it runs at memory speed, hence the unchecked references.
    internal static void PackB(in Operands o, int panelWidth, float[] packed, int firstPanel, int endPanel)
    {
        ref float source = ref MemoryMarshal.GetArrayDataReference(o.B);
        source = ref Unsafe.Add(ref source, o.BOffset);
        ref float destination = ref MemoryMarshal.GetArrayDataReference(packed);
        for (int column0 = firstPanel * panelWidth; column0 < Math.Min(o.N, endPanel * panelWidth); column0 += panelWidth)
        {
            int columns = Math.Min(panelWidth, o.N - column0);
            ref float panel = ref Unsafe.Add(ref destination, column0 * o.K);
            if (columns < panelWidth) packed.AsSpan(column0 * o.K, panelWidth * o.K).Clear();
            if (o.TransposeB)
            {
                // op(B)[p, j] = B[j, p]: each of the panel's columns is a contiguous row of B, so the panel is a
                // transpose, done 8 × 8 in registers where AVX allows.
                ref float first = ref Unsafe.Add(ref source, column0 * o.Ldb);
                int x0 = 0, p0 = 0;
                if (Avx.IsSupported)
                {
                    for (; x0 + 8 <= columns; x0 += 8)
                        for (p0 = 0; p0 + 8 <= o.K; p0 += 8)
                            Transpose8(ref Unsafe.Add(ref first, x0 * o.Ldb + p0), o.Ldb, ref Unsafe.Add(ref panel, p0 * panelWidth + x0), panelWidth);
                    // The last p0 left by the loop is where the rows' 8-blocks ended: the same for every block of 8 columns.
                    for (int x = 0; x < x0; x++)
                        for (int p = p0; p < o.K; p++)
                            Unsafe.Add(ref panel, p * panelWidth + x) = Unsafe.Add(ref first, x * o.Ldb + p);
                }
                for (int x = x0; x < columns; x++)
                    for (int p = 0; p < o.K; p++)
                        Unsafe.Add(ref panel, p * panelWidth + x) = Unsafe.Add(ref first, x * o.Ldb + p);
            }
            else if (columns == panelWidth)
            {
                // Whole panels of an untransposed B: one contiguous run of panelWidth floats per p.
                int bytes = panelWidth * sizeof(float);
                for (int p = 0; p < o.K; p++)
                    Unsafe.CopyBlockUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref panel, p * panelWidth)),
                        ref Unsafe.As<float, byte>(ref Unsafe.Add(ref source, p * o.Ldb + column0)), (uint)bytes);
            }
            else
            {
                for (int p = 0; p < o.K; p++)
                {
                    ref float row = ref Unsafe.Add(ref source, p * o.Ldb + column0);
                    ref float line = ref Unsafe.Add(ref panel, p * panelWidth);
                    for (int x = 0; x < columns; x++) Unsafe.Add(ref line, x) = Unsafe.Add(ref row, x);
                }
            }
        }
    }

    /// <summary>destination[p · ldd + x] = scale · source[x · lds + p] for an 8 × 8 block (AVX: unpack, shuffle, permute).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8(ref float source, int lds, ref float destination, int ldd, float scale = 1f)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref source), r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, lds));
        Vector256<float> r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 2 * lds)), r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 3 * lds));
        Vector256<float> r4 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 4 * lds)), r5 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 5 * lds));
        Vector256<float> r6 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 6 * lds)), r7 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 7 * lds));
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Vector256<float> factor = Vector256.Create(scale);
        (Avx.Permute2x128(u0, u4, 0x20) * factor).StoreUnsafe(ref destination);
        (Avx.Permute2x128(u1, u5, 0x20) * factor).StoreUnsafe(ref Unsafe.Add(ref destination, ldd));
        (Avx.Permute2x128(u2, u6, 0x20) * factor).StoreUnsafe(ref Unsafe.Add(ref destination, 2 * ldd));
        (Avx.Permute2x128(u3, u7, 0x20) * factor).StoreUnsafe(ref Unsafe.Add(ref destination, 3 * ldd));
        (Avx.Permute2x128(u0, u4, 0x31) * factor).StoreUnsafe(ref Unsafe.Add(ref destination, 4 * ldd));
        (Avx.Permute2x128(u1, u5, 0x31) * factor).StoreUnsafe(ref Unsafe.Add(ref destination, 5 * ldd));
        (Avx.Permute2x128(u2, u6, 0x31) * factor).StoreUnsafe(ref Unsafe.Add(ref destination, 6 * ldd));
        (Avx.Permute2x128(u3, u7, 0x31) * factor).StoreUnsafe(ref Unsafe.Add(ref destination, 7 * ldd));
    }

    // packed[r0 · depth + p · Rows + r] = alpha · op(A)[row0 + r0 + r, p0 + p] for the micro-panel at r0; zero past the block's
    // rows. alpha goes into A, the operand always packed, so that B can be read in place.
    private static void PackA(in Operands o, int row0, int rows, int p0, int depth, int panelRows, float[] packed)
    {
        int paddedRows = RoundUp(rows, panelRows);
        if (paddedRows > rows) packed.AsSpan(0, paddedRows * depth).Clear();
        ref float source = ref MemoryMarshal.GetArrayDataReference(o.A);
        source = ref Unsafe.Add(ref source, o.AOffset);
        ref float destination = ref MemoryMarshal.GetArrayDataReference(packed);
        float alpha = o.Alpha;
        if (o.TransposeA)
        {
            // op(A)[i, p] = A[p, i]: for each p, a micro-panel's rows are contiguous in A.
            for (int r0 = 0; r0 < rows; r0 += panelRows)
            {
                int lanes = Math.Min(panelRows, rows - r0);
                ref float panel = ref Unsafe.Add(ref destination, r0 * depth);
                for (int p = 0; p < depth; p++)
                {
                    ref float run = ref Unsafe.Add(ref source, (p0 + p) * o.Lda + row0 + r0);
                    ref float line = ref Unsafe.Add(ref panel, p * panelRows);
                    for (int lane = 0; lane < lanes; lane++) Unsafe.Add(ref line, lane) = alpha * Unsafe.Add(ref run, lane);
                }
            }
            return;
        }
        // op(A) = A: a micro-panel is a transpose of panelRows rows of A; whole 12-row panels go 8 × 8 through registers
        // (rows 0–7, then 4–11, the overlap written twice with the same values).
        int p8 = 0;
        if (Avx.IsSupported && panelRows >= 8)
            for (int r0 = 0; r0 + panelRows <= rows; r0 += panelRows)
            {
                ref float panel = ref Unsafe.Add(ref destination, r0 * depth);
                ref float first = ref Unsafe.Add(ref source, (row0 + r0) * o.Lda + p0);
                ref float last = ref Unsafe.Add(ref first, (panelRows - 8) * o.Lda);
                for (p8 = 0; p8 + 8 <= depth; p8 += 8)
                {
                    Transpose8(ref Unsafe.Add(ref first, p8), o.Lda, ref Unsafe.Add(ref panel, p8 * panelRows), panelRows, alpha);
                    Transpose8(ref Unsafe.Add(ref last, p8), o.Lda, ref Unsafe.Add(ref panel, p8 * panelRows + panelRows - 8), panelRows, alpha);
                }
            }
        int whole = Avx.IsSupported && panelRows >= 8 ? rows / panelRows * panelRows : 0;
        for (int r = 0; r < rows; r++)
        {
            ref float row = ref Unsafe.Add(ref source, (row0 + r) * o.Lda + p0);
            ref float lane = ref Unsafe.Add(ref destination, r / panelRows * panelRows * depth + r % panelRows);
            // Rows of whole panels have their first p8 values packed already.
            for (int p = r < whole ? p8 : 0; p < depth; p++) Unsafe.Add(ref lane, p * panelRows) = alpha * Unsafe.Add(ref row, p);
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
