using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// Copies, adds and strided gathers over runs of a few to a few dozen floats: the image rows of im2col and col2im, where
/// a convolution spends as long as in its GEMM if each run pays a span call's set-up (a 3 × 3 convolution over a 14 × 14
/// image walks 4,000 runs of 14 values an image). Unchecked references: the callers have sliced the runs' rows.
/// A stride of 2 — transposed convolutions and strided encoders — is split into even and odd elements in SSE registers.
/// </summary>
internal static class ShortRuns
{
    // Runs up to this long are copied and cleared in registers: a memset or memmove call costs more than the work.
    private const int Short = 32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(ref float destination, int count)
    {
        if (count > Short)
        {
            Unsafe.InitBlockUnaligned(ref Unsafe.As<float, byte>(ref destination), 0, (uint)(count * sizeof(float)));
            return;
        }
        int i = 0;
        for (; i + 8 <= count; i += 8) Vector256<float>.Zero.StoreUnsafe(ref Unsafe.Add(ref destination, i));
        for (; i < count; i++) Unsafe.Add(ref destination, i) = 0f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(ref float source, ref float destination, int count)
    {
        if (count > Short)
        {
            Unsafe.CopyBlockUnaligned(ref Unsafe.As<float, byte>(ref destination), ref Unsafe.As<float, byte>(ref source), (uint)(count * sizeof(float)));
            return;
        }
        int i = 0;
        for (; i + 8 <= count; i += 8) Vector256.LoadUnsafe(ref Unsafe.Add(ref source, i)).StoreUnsafe(ref Unsafe.Add(ref destination, i));
        for (; i + 4 <= count; i += 4) Vector128.LoadUnsafe(ref Unsafe.Add(ref source, i)).StoreUnsafe(ref Unsafe.Add(ref destination, i));
        for (; i < count; i++) Unsafe.Add(ref destination, i) = Unsafe.Add(ref source, i);
    }

    /// <summary>destination[i] += source[i].</summary>
    public static void Add(ref float source, ref float destination, int count)
    {
        int i = 0;
        for (; i + 8 <= count; i += 8)
            (Vector256.LoadUnsafe(ref Unsafe.Add(ref destination, i)) + Vector256.LoadUnsafe(ref Unsafe.Add(ref source, i))).StoreUnsafe(ref Unsafe.Add(ref destination, i));
        for (; i + 4 <= count; i += 4)
            (Vector128.LoadUnsafe(ref Unsafe.Add(ref destination, i)) + Vector128.LoadUnsafe(ref Unsafe.Add(ref source, i))).StoreUnsafe(ref Unsafe.Add(ref destination, i));
        for (; i < count; i++) Unsafe.Add(ref destination, i) += Unsafe.Add(ref source, i);
    }

    /// <summary>destination[i] = source[i · stride].</summary>
    public static void Gather(ref float source, int stride, ref float destination, int count)
    {
        int i = 0;
        if (stride == 2 && Sse.IsSupported)
            for (; i + 4 <= count; i += 4)
                Even(ref Unsafe.Add(ref source, 2 * i), count - i).StoreUnsafe(ref Unsafe.Add(ref destination, i));
        for (; i < count; i++) Unsafe.Add(ref destination, i) = Unsafe.Add(ref source, i * stride);
    }

    /// <summary>destination[i] += source[i · stride].</summary>
    public static void GatherAdd(ref float source, int stride, ref float destination, int count)
    {
        int i = 0;
        if (stride == 2 && Sse.IsSupported)
            for (; i + 4 <= count; i += 4)
                (Vector128.LoadUnsafe(ref Unsafe.Add(ref destination, i)) + Even(ref Unsafe.Add(ref source, 2 * i), count - i)).StoreUnsafe(ref Unsafe.Add(ref destination, i));
        for (; i < count; i++) Unsafe.Add(ref destination, i) += Unsafe.Add(ref source, i * stride);
    }

    /// <summary>destination[i · stride] += source[i], the adjoint of <see cref="GatherAdd"/>.</summary>
    public static void ScatterAdd(ref float source, ref float destination, int stride, int count)
    {
        int i = 0;
        if (stride == 2 && Sse.IsSupported)
            // Pixels 2i … 2i + 6 get the four values, the odd ones between them nothing; the run's last pixel, 2(count − 1),
            // bounds the 8 touched, so a block stops where its seventh would pass it.
            for (; i + 4 <= count && 2 * i + 8 <= 2 * count - 1; i += 4)
            {
                var values = Vector128.LoadUnsafe(ref Unsafe.Add(ref source, i));
                ref float low = ref Unsafe.Add(ref destination, 2 * i);
                ref float high = ref Unsafe.Add(ref low, 4);
                (Vector128.LoadUnsafe(ref low) + Sse.UnpackLow(values, Vector128<float>.Zero)).StoreUnsafe(ref low);
                (Vector128.LoadUnsafe(ref high) + Sse.UnpackHigh(values, Vector128<float>.Zero)).StoreUnsafe(ref high);
            }
        for (; i < count; i++) Unsafe.Add(ref destination, i * stride) += Unsafe.Add(ref source, i);
    }

    // source[0], source[2], source[4], source[6]: reads 8 floats where 4 or more values remain, else 7 (the last one
    // needed is source[6]; the eighth may lie past the row).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Even(ref float source, int remaining)
    {
        var low = Vector128.LoadUnsafe(ref source);
        var high = remaining > 4 ? Vector128.LoadUnsafe(ref Unsafe.Add(ref source, 4))
            : Vector128.Create(Unsafe.Add(ref source, 4), Unsafe.Add(ref source, 5), Unsafe.Add(ref source, 6), 0f);
        return Sse.Shuffle(low, high, 0x88);
    }
}
