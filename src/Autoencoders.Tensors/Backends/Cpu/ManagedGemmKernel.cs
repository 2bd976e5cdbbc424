using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>The few vector operations the GEMM micro-kernel needs, for one width: the kernel is written once,
/// generic over this, and the JIT compiles one copy per width with every call inlined.</summary>
internal interface IFloatVector<TVector> where TVector : struct
{
    static abstract int Count { get; }
    static abstract TVector Load(ref float source);
    static abstract void Store(TVector value, ref float destination);
    static abstract TVector Broadcast(float value);
    static abstract TVector Add(TVector left, TVector right);

    /// <summary>left · right + addend with one rounding, lane by lane.</summary>
    static abstract TVector MultiplyAdd(TVector left, TVector right, TVector addend);
}

internal readonly struct Float128 : IFloatVector<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Load(ref float source) => Vector128.LoadUnsafe(ref source);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector128<float> value, ref float destination) => value.StoreUnsafe(ref destination);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Broadcast(float value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> MultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend) => Vector128.FusedMultiplyAdd(left, right, addend);
}

internal readonly struct Float256 : IFloatVector<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(ref float source) => Vector256.LoadUnsafe(ref source);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<float> value, ref float destination) => value.StoreUnsafe(ref destination);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Broadcast(float value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) => Vector256.FusedMultiplyAdd(left, right, addend);
}

internal readonly struct Float512 : IFloatVector<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(ref float source) => Vector512.LoadUnsafe(ref source);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<float> value, ref float destination) => value.StoreUnsafe(ref destination);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Broadcast(float value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend) => Vector512.FusedMultiplyAdd(left, right, addend);
}

/// <summary>
/// The register tile of <see cref="ManagedGemm"/>: <see cref="Rows"/> rows × 2 vectors of C, 12 accumulators
/// (with the 2 vectors of B and 1 broadcast of A, 15 registers: it fits AVX2's 16 as well as AVX-512's 32),
/// enough independent FMA chains to cover the FMA latency. Each lane sums its products in order of p, from zero,
/// then the sum is added to C: the same operations whatever the width, so every width gives the same bits.
/// </summary>
internal static class ManagedGemmKernel
{
    public const int Rows = 6;

    /// <summary>The rows of <see cref="WideTile"/>: AVX-512's 32 registers hold 24 accumulators, 2 vectors of B and a
    /// broadcast, and each B vector loaded then feeds 12 FMAs instead of 6.</summary>
    public const int WideRows = 12;

    /// <summary>The micro-panel height of A at this width.</summary>
    public static int RowsAt(ManagedGemmWidth width) => width == ManagedGemmWidth.Vector512 ? WideRows : Rows;

    /// <summary><see cref="Tile{TFloats, TVector}"/> with <see cref="WideRows"/> rows, for AVX-512 only (on AVX2's 16
    /// registers its accumulators would spill). The same sums in the same order, so the same bits as the narrower tiles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WideTile(ref float a, ref float b, int bStride, int depth, ref float c, int ldc, int rows, int columns, ref float scratch)
    {
        const int width = 16;
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default;
        Vector512<float> c90 = default, c91 = default, ca0 = default, ca1 = default, cb0 = default, cb1 = default;
        int p = depth;
        do
        {
            Vector512<float> b0 = Vector512.LoadUnsafe(ref b), b1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref b, width));
            Vector512<float> ai = Vector512.Create(a);
            c00 = Vector512.FusedMultiplyAdd(ai, b0, c00); c01 = Vector512.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(Unsafe.Add(ref a, 1));
            c10 = Vector512.FusedMultiplyAdd(ai, b0, c10); c11 = Vector512.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(Unsafe.Add(ref a, 2));
            c20 = Vector512.FusedMultiplyAdd(ai, b0, c20); c21 = Vector512.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(Unsafe.Add(ref a, 3));
            c30 = Vector512.FusedMultiplyAdd(ai, b0, c30); c31 = Vector512.FusedMultiplyAdd(ai, b1, c31);
            ai = Vector512.Create(Unsafe.Add(ref a, 4));
            c40 = Vector512.FusedMultiplyAdd(ai, b0, c40); c41 = Vector512.FusedMultiplyAdd(ai, b1, c41);
            ai = Vector512.Create(Unsafe.Add(ref a, 5));
            c50 = Vector512.FusedMultiplyAdd(ai, b0, c50); c51 = Vector512.FusedMultiplyAdd(ai, b1, c51);
            ai = Vector512.Create(Unsafe.Add(ref a, 6));
            c60 = Vector512.FusedMultiplyAdd(ai, b0, c60); c61 = Vector512.FusedMultiplyAdd(ai, b1, c61);
            ai = Vector512.Create(Unsafe.Add(ref a, 7));
            c70 = Vector512.FusedMultiplyAdd(ai, b0, c70); c71 = Vector512.FusedMultiplyAdd(ai, b1, c71);
            ai = Vector512.Create(Unsafe.Add(ref a, 8));
            c80 = Vector512.FusedMultiplyAdd(ai, b0, c80); c81 = Vector512.FusedMultiplyAdd(ai, b1, c81);
            ai = Vector512.Create(Unsafe.Add(ref a, 9));
            c90 = Vector512.FusedMultiplyAdd(ai, b0, c90); c91 = Vector512.FusedMultiplyAdd(ai, b1, c91);
            ai = Vector512.Create(Unsafe.Add(ref a, 10));
            ca0 = Vector512.FusedMultiplyAdd(ai, b0, ca0); ca1 = Vector512.FusedMultiplyAdd(ai, b1, ca1);
            ai = Vector512.Create(Unsafe.Add(ref a, 11));
            cb0 = Vector512.FusedMultiplyAdd(ai, b0, cb0); cb1 = Vector512.FusedMultiplyAdd(ai, b1, cb1);
            a = ref Unsafe.Add(ref a, WideRows);
            b = ref Unsafe.Add(ref b, bStride);
        }
        while (--p > 0);

        if (rows == WideRows && columns == 2 * width)
        {
            AddRow<Float512, Vector512<float>>(ref c, width, c00, c01);
            AddRow<Float512, Vector512<float>>(ref Unsafe.Add(ref c, ldc), width, c10, c11);
            AddRow<Float512, Vector512<float>>(ref Unsafe.Add(ref c, 2 * ldc), width, c20, c21);
            AddRow<Float512, Vector512<float>>(ref Unsafe.Add(ref c, 3 * ldc), width, c30, c31);
            AddRow<Float512, Vector512<float>>(ref Unsafe.Add(ref c, 4 * ldc), width, c40, c41);
            AddRow<Float512, Vector512<float>>(ref Unsafe.Add(ref c, 5 * ldc), width, c50, c51);
            AddRow<Float512, Vector512<float>>(ref Unsafe.Add(ref c, 6 * ldc), width, c60, c61);
            AddRow<Float512, Vector512<float>>(ref Unsafe.Add(ref c, 7 * ldc), width, c70, c71);
            AddRow<Float512, Vector512<float>>(ref Unsafe.Add(ref c, 8 * ldc), width, c80, c81);
            AddRow<Float512, Vector512<float>>(ref Unsafe.Add(ref c, 9 * ldc), width, c90, c91);
            AddRow<Float512, Vector512<float>>(ref Unsafe.Add(ref c, 10 * ldc), width, ca0, ca1);
            AddRow<Float512, Vector512<float>>(ref Unsafe.Add(ref c, 11 * ldc), width, cb0, cb1);
            return;
        }

        StoreRow<Float512, Vector512<float>>(ref scratch, width, c00, c01);
        StoreRow<Float512, Vector512<float>>(ref Unsafe.Add(ref scratch, 2 * width), width, c10, c11);
        StoreRow<Float512, Vector512<float>>(ref Unsafe.Add(ref scratch, 4 * width), width, c20, c21);
        StoreRow<Float512, Vector512<float>>(ref Unsafe.Add(ref scratch, 6 * width), width, c30, c31);
        StoreRow<Float512, Vector512<float>>(ref Unsafe.Add(ref scratch, 8 * width), width, c40, c41);
        StoreRow<Float512, Vector512<float>>(ref Unsafe.Add(ref scratch, 10 * width), width, c50, c51);
        StoreRow<Float512, Vector512<float>>(ref Unsafe.Add(ref scratch, 12 * width), width, c60, c61);
        StoreRow<Float512, Vector512<float>>(ref Unsafe.Add(ref scratch, 14 * width), width, c70, c71);
        StoreRow<Float512, Vector512<float>>(ref Unsafe.Add(ref scratch, 16 * width), width, c80, c81);
        StoreRow<Float512, Vector512<float>>(ref Unsafe.Add(ref scratch, 18 * width), width, c90, c91);
        StoreRow<Float512, Vector512<float>>(ref Unsafe.Add(ref scratch, 20 * width), width, ca0, ca1);
        StoreRow<Float512, Vector512<float>>(ref Unsafe.Add(ref scratch, 22 * width), width, cb0, cb1);
        for (int r = 0; r < rows; r++)
            for (int x = 0; x < columns; x++)
                Unsafe.Add(ref c, r * ldc + x) += Unsafe.Add(ref scratch, r * 2 * width + x);
    }

    /// <summary>C[r, x] += Σₚ A[p · Rows + r] · B[p · 2W + x] for r &lt; <paramref name="rows"/>, x &lt; <paramref name="columns"/>,
    /// where A is a packed micro-panel (depth × Rows, depth ≥ 1) and B holds rows of 2W values (W the vector width)
    /// <paramref name="bStride"/> floats apart: a packed panel (2W) or B itself (its leading dimension);
    /// <paramref name="scratch"/> holds Rows × 2W floats for the edges of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile<TFloats, TVector>(ref float a, ref float b, int bStride, int depth, ref float c, int ldc, int rows, int columns, ref float scratch)
        where TFloats : struct, IFloatVector<TVector>
        where TVector : struct
    {
        int width = TFloats.Count;
        TVector zero = TFloats.Broadcast(0f);
        TVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero;
        TVector c30 = zero, c31 = zero, c40 = zero, c41 = zero, c50 = zero, c51 = zero;
        // depth ≥ 1: MultiplyBlock never passes an empty slice of K.
        int p = depth;
        do
        {
            TVector b0 = TFloats.Load(ref b), b1 = TFloats.Load(ref Unsafe.Add(ref b, width));
            TVector ai = TFloats.Broadcast(a);
            c00 = TFloats.MultiplyAdd(ai, b0, c00); c01 = TFloats.MultiplyAdd(ai, b1, c01);
            ai = TFloats.Broadcast(Unsafe.Add(ref a, 1));
            c10 = TFloats.MultiplyAdd(ai, b0, c10); c11 = TFloats.MultiplyAdd(ai, b1, c11);
            ai = TFloats.Broadcast(Unsafe.Add(ref a, 2));
            c20 = TFloats.MultiplyAdd(ai, b0, c20); c21 = TFloats.MultiplyAdd(ai, b1, c21);
            ai = TFloats.Broadcast(Unsafe.Add(ref a, 3));
            c30 = TFloats.MultiplyAdd(ai, b0, c30); c31 = TFloats.MultiplyAdd(ai, b1, c31);
            ai = TFloats.Broadcast(Unsafe.Add(ref a, 4));
            c40 = TFloats.MultiplyAdd(ai, b0, c40); c41 = TFloats.MultiplyAdd(ai, b1, c41);
            ai = TFloats.Broadcast(Unsafe.Add(ref a, 5));
            c50 = TFloats.MultiplyAdd(ai, b0, c50); c51 = TFloats.MultiplyAdd(ai, b1, c51);
            a = ref Unsafe.Add(ref a, Rows);
            b = ref Unsafe.Add(ref b, bStride);
        }
        while (--p > 0);

        if (rows == Rows && columns == 2 * width)
        {
            AddRow<TFloats, TVector>(ref c, width, c00, c01);
            AddRow<TFloats, TVector>(ref Unsafe.Add(ref c, ldc), width, c10, c11);
            AddRow<TFloats, TVector>(ref Unsafe.Add(ref c, 2 * ldc), width, c20, c21);
            AddRow<TFloats, TVector>(ref Unsafe.Add(ref c, 3 * ldc), width, c30, c31);
            AddRow<TFloats, TVector>(ref Unsafe.Add(ref c, 4 * ldc), width, c40, c41);
            AddRow<TFloats, TVector>(ref Unsafe.Add(ref c, 5 * ldc), width, c50, c51);
            return;
        }

        // An edge of C: the tile goes to the caller's scratch (Rows × 2W floats), and only its part inside C is added.
        // (Through plain stores: copying the accumulators into a struct or a span made the JIT spill them every step.)
        StoreRow<TFloats, TVector>(ref scratch, width, c00, c01);
        StoreRow<TFloats, TVector>(ref Unsafe.Add(ref scratch, 2 * width), width, c10, c11);
        StoreRow<TFloats, TVector>(ref Unsafe.Add(ref scratch, 4 * width), width, c20, c21);
        StoreRow<TFloats, TVector>(ref Unsafe.Add(ref scratch, 6 * width), width, c30, c31);
        StoreRow<TFloats, TVector>(ref Unsafe.Add(ref scratch, 8 * width), width, c40, c41);
        StoreRow<TFloats, TVector>(ref Unsafe.Add(ref scratch, 10 * width), width, c50, c51);
        for (int r = 0; r < rows; r++)
            for (int x = 0; x < columns; x++)
                Unsafe.Add(ref c, r * ldc + x) += Unsafe.Add(ref scratch, r * 2 * width + x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TFloats, TVector>(ref float destination, int width, TVector left, TVector right)
        where TFloats : struct, IFloatVector<TVector>
        where TVector : struct
    {
        TFloats.Store(left, ref destination);
        TFloats.Store(right, ref Unsafe.Add(ref destination, width));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow<TFloats, TVector>(ref float c, int width, TVector left, TVector right)
        where TFloats : struct, IFloatVector<TVector>
        where TVector : struct
    {
        TFloats.Store(TFloats.Add(TFloats.Load(ref c), left), ref c);
        ref float second = ref Unsafe.Add(ref c, width);
        TFloats.Store(TFloats.Add(TFloats.Load(ref second), right), ref second);
    }
}
