using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// 2 × 2 max pooling with stride 2, 4 windows at a time in SSE registers (a 128-bit block fits the 7-wide rows of a
/// 28 × 28 network's second pooling as well as the 14-wide ones of its first): a pair of image rows is split into its
/// even and odd columns, which are each window's top-left a, top-right b, bottom-left c and bottom-right d. The maximum
/// is chosen exactly as the scalar <c>ArgMaxOfPair</c> does — the first in reading order on ties, a NaN wins — so both
/// give the same bits, and the backward pass sends each window's gradient to that same element. A row whose window
/// count is not a multiple of 4 ends with a block that overlaps the one before; the backward pass masks the windows
/// already added. Windows do not overlap, so every input element gets the gradient of at most one window.
/// </summary>
internal static class PairPooling
{
    private const int Windows = 4;

    /// <summary>Whether a row of <paramref name="outWidth"/> windows goes through here (else the scalar loop takes it).</summary>
    public static bool Handles(int outWidth) => Sse41.IsSupported && outWidth >= Windows;

    /// <summary>Output row oy (outWidth values) from input rows 2·oy and 2·oy + 1.</summary>
    public static void ForwardRow(ReadOnlySpan<float> top, ReadOnlySpan<float> bottom, Span<float> output, int outWidth)
    {
        ref float topRef = ref MemoryMarshal.GetReference(top);
        ref float bottomRef = ref MemoryMarshal.GetReference(bottom);
        ref float outRef = ref MemoryMarshal.GetReference(output);
        for (int ox = 0; ox < outWidth; ox += Windows)
        {
            int start = Math.Min(ox, outWidth - Windows);
            Best(ref Unsafe.Add(ref topRef, 2 * start), ref Unsafe.Add(ref bottomRef, 2 * start), out _, out _, out _).StoreUnsafe(ref Unsafe.Add(ref outRef, start));
        }
    }

    /// <summary>Adds output row oy's gradient onto input rows 2·oy and 2·oy + 1, at each window's maximum.</summary>
    public static void BackwardRow(ReadOnlySpan<float> top, ReadOnlySpan<float> bottom, ReadOnlySpan<float> upstream,
        Span<float> topGradient, Span<float> bottomGradient, int outWidth)
    {
        ref float topRef = ref MemoryMarshal.GetReference(top);
        ref float bottomRef = ref MemoryMarshal.GetReference(bottom);
        ref float upRef = ref MemoryMarshal.GetReference(upstream);
        ref float topGradientRef = ref MemoryMarshal.GetReference(topGradient);
        ref float bottomGradientRef = ref MemoryMarshal.GetReference(bottomGradient);
        for (int ox = 0; ox < outWidth; ox += Windows)
        {
            int start = Math.Min(ox, outWidth - Windows);
            Best(ref Unsafe.Add(ref topRef, 2 * start), ref Unsafe.Add(ref bottomRef, 2 * start), out var toB, out var toC, out var toD);
            var g = Vector128.LoadUnsafe(ref Unsafe.Add(ref upRef, start));
            if (start < ox) // the last block overlaps the one before: only its windows from ox on are new
                g = Vector128.GreaterThanOrEqual(Vector128.Create(0, 1, 2, 3) + Vector128.Create(start), Vector128.Create(ox)).AsSingle() & g;
            // The last winner takes the gradient: d if it won, else c if it won, else b, else a.
            var gd = g & toD;
            var rest = Sse.AndNot(toD, g);
            var gc = rest & toC;
            rest = Sse.AndNot(toC, rest);
            var gb = rest & toB;
            var ga = Sse.AndNot(toB, rest);
            AddInterleaved(ref Unsafe.Add(ref topGradientRef, 2 * start), ga, gb);
            AddInterleaved(ref Unsafe.Add(ref bottomGradientRef, 2 * start), gc, gd);
        }
    }

    // The maximum of 4 windows, and where each later element took over from the best before it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Best(ref float top, ref float bottom, out Vector128<float> toB, out Vector128<float> toC, out Vector128<float> toD)
    {
        Split(ref top, out var a, out var b);
        Split(ref bottom, out var c, out var d);
        toB = Wins(b, a);
        var best = Sse41.BlendVariable(a, b, toB);
        toC = Wins(c, best);
        best = Sse41.BlendVariable(best, c, toC);
        toD = Wins(d, best);
        return Sse41.BlendVariable(best, d, toD);
    }

    // candidate beats best: greater, or a NaN over a number (the scalar rule).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Wins(Vector128<float> candidate, Vector128<float> best) =>
        Sse.CompareGreaterThan(candidate, best) | Sse.AndNot(Sse.CompareUnordered(best, best), Sse.CompareUnordered(candidate, candidate));

    // 8 consecutive floats → their even (0, 2, 4, 6) and odd (1, 3, 5, 7) elements, in order.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Split(ref float source, out Vector128<float> even, out Vector128<float> odd)
    {
        var low = Vector128.LoadUnsafe(ref source);
        var high = Vector128.LoadUnsafe(ref Unsafe.Add(ref source, 4));
        even = Sse.Shuffle(low, high, 0x88);
        odd = Sse.Shuffle(low, high, 0xDD);
    }

    // destination[0..8] += (even0, odd0, even1, odd1, …): the inverse of Split.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddInterleaved(ref float destination, Vector128<float> even, Vector128<float> odd)
    {
        ref float second = ref Unsafe.Add(ref destination, 4);
        (Vector128.LoadUnsafe(ref destination) + Sse.UnpackLow(even, odd)).StoreUnsafe(ref destination);
        (Vector128.LoadUnsafe(ref second) + Sse.UnpackHigh(even, odd)).StoreUnsafe(ref second);
    }
}
