using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// How elementwise kernels loop: SIMD over <see cref="Vector{T}"/> widths with a scalar tail. What they
/// compute is a struct implementing one of the function interfaces, so each call is specialised and inlined
/// by the JIT, with no delegate or virtual call per element. Outputs may alias inputs element for element.
/// </summary>
internal static class Elementwise
{
    private const int SumBlock = 4096;

    public static void Map<TFunction>(TFunction f, ReadOnlySpan<float> x, Span<float> destination)
        where TFunction : struct, IUnaryFunction
    {
        CheckLengths(x.Length, destination.Length);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        int width = Vector<float>.Count, i = 0;
        for (; i + width <= x.Length; i += width)
            f.Invoke(Vector.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
        for (; i < x.Length; i++)
            Unsafe.Add(ref dr, i) = f.Invoke(Unsafe.Add(ref xr, i));
    }

    /// <summary>destination (+)= f(a, b).</summary>
    public static void Map<TFunction>(TFunction f, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination, bool accumulate)
        where TFunction : struct, IBinaryFunction
    {
        CheckLengths(a.Length, b.Length);
        CheckLengths(a.Length, destination.Length);
        ref float ar = ref MemoryMarshal.GetReference(a);
        ref float br = ref MemoryMarshal.GetReference(b);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        int width = Vector<float>.Count, i = 0;
        for (; i + width <= a.Length; i += width)
        {
            var value = f.Invoke(Vector.LoadUnsafe(ref ar, (nuint)i), Vector.LoadUnsafe(ref br, (nuint)i));
            if (accumulate) value += Vector.LoadUnsafe(ref dr, (nuint)i);
            value.StoreUnsafe(ref dr, (nuint)i);
        }
        for (; i < a.Length; i++)
        {
            float value = f.Invoke(Unsafe.Add(ref ar, i), Unsafe.Add(ref br, i));
            Unsafe.Add(ref dr, i) = accumulate ? Unsafe.Add(ref dr, i) + value : value;
        }
    }

    /// <summary>destination (+)= f(a, b, c).</summary>
    public static void Map<TFunction>(TFunction f, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, Span<float> destination, bool accumulate)
        where TFunction : struct, ITernaryFunction
    {
        CheckLengths(a.Length, b.Length);
        CheckLengths(a.Length, c.Length);
        CheckLengths(a.Length, destination.Length);
        ref float ar = ref MemoryMarshal.GetReference(a);
        ref float br = ref MemoryMarshal.GetReference(b);
        ref float cr = ref MemoryMarshal.GetReference(c);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        int width = Vector<float>.Count, i = 0;
        for (; i + width <= a.Length; i += width)
        {
            var value = f.Invoke(Vector.LoadUnsafe(ref ar, (nuint)i), Vector.LoadUnsafe(ref br, (nuint)i), Vector.LoadUnsafe(ref cr, (nuint)i));
            if (accumulate) value += Vector.LoadUnsafe(ref dr, (nuint)i);
            value.StoreUnsafe(ref dr, (nuint)i);
        }
        for (; i < a.Length; i++)
        {
            float value = f.Invoke(Unsafe.Add(ref ar, i), Unsafe.Add(ref br, i), Unsafe.Add(ref cr, i));
            Unsafe.Add(ref dr, i) = accumulate ? Unsafe.Add(ref dr, i) + value : value;
        }
    }

    /// <summary>Σ f(a, b), summed as the three-operand form is.</summary>
    public static double Sum<TFunction>(TFunction f, ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        where TFunction : struct, IBinaryFunction =>
        Sum(new IgnoringThird<TFunction>(f), a, b, b);

    /// <summary>Σ f(a, b, c): float lanes within blocks of 4,096 elements, double across blocks, in a fixed
    /// order so that the result is the same on every run.</summary>
    public static double Sum<TFunction>(TFunction f, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c)
        where TFunction : struct, ITernaryFunction
    {
        CheckLengths(a.Length, b.Length);
        CheckLengths(a.Length, c.Length);
        ref float ar = ref MemoryMarshal.GetReference(a);
        ref float br = ref MemoryMarshal.GetReference(b);
        ref float cr = ref MemoryMarshal.GetReference(c);
        int width = Vector<float>.Count;
        double total = 0;
        for (int start = 0; start < a.Length; start += SumBlock)
        {
            int end = Math.Min(a.Length, start + SumBlock), i = start;
            var lanes = Vector<float>.Zero;
            for (; i + width <= end; i += width)
                lanes += f.Invoke(Vector.LoadUnsafe(ref ar, (nuint)i), Vector.LoadUnsafe(ref br, (nuint)i), Vector.LoadUnsafe(ref cr, (nuint)i));
            float tail = 0f;
            for (; i < end; i++)
                tail += f.Invoke(Unsafe.Add(ref ar, i), Unsafe.Add(ref br, i), Unsafe.Add(ref cr, i));
            total += (double)Vector.Sum(lanes) + tail;
        }
        return total;
    }

    /// <summary>A two-operand function seen as a three-operand one, so that one driver serves both.</summary>
    private readonly struct IgnoringThird<TFunction>(TFunction f) : ITernaryFunction
        where TFunction : struct, IBinaryFunction
    {
        public float Invoke(float a, float b, float c) => f.Invoke(a, b);

        public Vector<float> Invoke(Vector<float> a, Vector<float> b, Vector<float> c) => f.Invoke(a, b);
    }

    private static void CheckLengths(int expected, int received)
    {
        if (expected != received)
            throw new ArgumentException($"expected spans of equal length, received {expected} and {received}");
    }
}
