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

    /// <summary>C[r, x] += Σₚ A[p · Rows + r] · B[p · 2W + x] for r &lt; <paramref name="rows"/>, x &lt; <paramref name="columns"/>,
    /// where A is a packed micro-panel (depth × Rows, depth ≥ 1) and B a packed one (depth × 2W, W the vector width);
    /// <paramref name="scratch"/> holds Rows × 2W floats for the edges of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile<TFloats, TVector>(ref float a, ref float b, int depth, ref float c, int ldc, int rows, int columns, ref float scratch)
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
            b = ref Unsafe.Add(ref b, 2 * width);
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
