using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// The GEMM used when OpenBLAS is absent: op(A) is packed into panels of <see cref="PanelRows"/> rows
/// stored column by column, op(B) into a contiguous K × N block, and a register tile of
/// PanelRows × 2 vectors accumulates over K. Row panels are spread over the threads.
/// Slower than OpenBLAS (no cache blocking over K), but SIMD, multi-threaded and exact to float32 rounding.
/// </summary>
internal static class ManagedGemm
{
    private const int PanelRows = 4;

    public static void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc, int threads)
    {
        if (m == 0 || n == 0)
            return;
        ScaleC(m, n, beta, c.AsSpan(cOffset), ldc);
        if (k == 0 || alpha == 0f)
            return;

        // op(B) as K × N row-major, alpha folded in, so the inner loop is a plain multiply-add.
        float[] packedB = ArrayPool<float>.Shared.Rent(k * n);
        for (int p = 0; p < k; p++)
            for (int j = 0; j < n; j++)
                packedB[p * n + j] = alpha * (transposeB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j]);

        int panels = (m + PanelRows - 1) / PanelRows;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        Parallel.For(0, panels, options, () => new float[PanelRows * k], (panel, _, packedA) =>
        {
            int row0 = panel * PanelRows;
            int rows = Math.Min(PanelRows, m - row0);
            PackPanel(a, aOffset, lda, transposeA, row0, rows, k, packedA);
            MultiplyPanel(packedA, packedB, c, cOffset, ldc, row0, rows, n, k);
            return packedA;
        }, _ => { });

        ArrayPool<float>.Shared.Return(packedB);
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

    // packed[p * PanelRows + r] = op(A)[row0 + r, p]; missing rows of the last panel are zero.
    private static void PackPanel(float[] a, int aOffset, int lda, bool transposeA, int row0, int rows, int k, float[] packed)
    {
        Array.Clear(packed);
        for (int r = 0; r < rows; r++)
            for (int p = 0; p < k; p++)
                packed[p * PanelRows + r] = transposeA ? a[aOffset + p * lda + row0 + r] : a[aOffset + (row0 + r) * lda + p];
    }

    private static void MultiplyPanel(float[] packedA, float[] packedB, float[] c, int cOffset, int ldc, int row0, int rows, int n, int k)
    {
        int width = Vector<float>.Count;
        int j = 0;
        for (; j + width <= n; j += width)
        {
            Vector<float> c0 = default, c1 = default, c2 = default, c3 = default;
            ref float bRef = ref MemoryMarshal.GetArrayDataReference(packedB);
            ref float aRef = ref MemoryMarshal.GetArrayDataReference(packedA);
            for (int p = 0; p < k; p++)
            {
                var bv = Vector.LoadUnsafe(ref bRef, (nuint)(p * n + j));
                ref float ap = ref Unsafe.Add(ref aRef, p * PanelRows);
                c0 = Vector.FusedMultiplyAdd(new Vector<float>(ap), bv, c0);
                c1 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref ap, 1)), bv, c1);
                c2 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref ap, 2)), bv, c2);
                c3 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref ap, 3)), bv, c3);
            }
            Store(c, cOffset, ldc, row0, rows, j, c0, c1, c2, c3);
        }
        for (; j < n; j++)
        {
            for (int r = 0; r < rows; r++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                    sum = MathF.FusedMultiplyAdd(packedA[p * PanelRows + r], packedB[p * n + j], sum);
                c[cOffset + (row0 + r) * ldc + j] += sum;
            }
        }
    }

    private static void Store(float[] c, int cOffset, int ldc, int row0, int rows, int j, Vector<float> c0, Vector<float> c1, Vector<float> c2, Vector<float> c3)
    {
        ReadOnlySpan<Vector<float>> tile = [c0, c1, c2, c3];
        for (int r = 0; r < rows; r++)
        {
            var target = c.AsSpan(cOffset + (row0 + r) * ldc + j, Vector<float>.Count);
            (new Vector<float>(target) + tile[r]).CopyTo(target);
        }
    }
}
