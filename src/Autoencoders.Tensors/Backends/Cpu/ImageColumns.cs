using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// The index map of a convolution. Window position (oy, ox) sees, through tap (ky, kx), pixel
/// (oy·sy − py + ky, ox·sx − px + kx); for each plane, tap and output row, the positions whose pixel lies inside the
/// image form one run [first, last), and with stride 1 its pixels are a contiguous slice of an image row.
/// <list type="bullet">
/// <item>im2col and col2im (Chellapilla et al. 2006; Caffe's layout): image (C, H, W) ↔ columns (C·kh·kw, OH·OW), row (c, ky, kx)
/// holding that tap's pixel for every position, zero in the padding; a convolution is then one GEMM with the kernel (O, C·kh·kw).
/// They take as long as the GEMM unless each run is cheap, so they walk the runs through unchecked references
/// (<see cref="ShortRuns"/>), and a stride-1 convolution with "same" padding across copies whole shifted planes.</item>
/// <item>gather and scatter of taps: for a convolution with fewer output than input channels, taps (O·kh·kw, H·W) = K' · image
/// mix the channels first, and each output sums its kh·kw shifted taps; the scatter is that sum's adjoint. These walk
/// <see cref="ForEachRun{T}"/>, with what happens on each run in a small visitor struct.</item>
/// </list>
/// </summary>
internal static class ImageColumns
{
    /// <summary>columns (C·kh·kw, OH·OW) = im2col(image (C, H, W)).</summary>
    public static void ImageToColumns(ReadOnlySpan<float> image, Span<float> columns, in ConvolutionGeometry g)
    {
        ref float pixels = ref MemoryMarshal.GetReference(image[..g.ImageSize]);
        ref float lines = ref MemoryMarshal.GetReference(columns[..(g.ColumnRows * g.Positions)]);
        if (IsShift(g)) Shifted(ref pixels, ref lines, g, toColumns: true);
        else Strided(ref pixels, ref lines, g, toColumns: true);
    }

    /// <summary>image (C, H, W) (+)= col2im(columns): every column entry is added back onto the pixel it was read
    /// from, so overlapping windows sum. <paramref name="accumulate"/> false clears the image first. The entries of
    /// positions that see the padding may be overwritten with zeros (the columns are the caller's scratch).</summary>
    public static void ColumnsToImage(Span<float> columns, Span<float> image, in ConvolutionGeometry g, bool accumulate)
    {
        if (!accumulate) image[..g.ImageSize].Clear();
        ref float pixels = ref MemoryMarshal.GetReference(image[..g.ImageSize]);
        ref float lines = ref MemoryMarshal.GetReference(columns[..(g.ColumnRows * g.Positions)]);
        if (IsShift(g)) Shifted(ref pixels, ref lines, g, toColumns: false);
        else Strided(ref pixels, ref lines, g, toColumns: false);
    }

    // im2col (toColumns) or col2im, a run per (plane, tap, output row), through unchecked references: every index
    // stays inside the image and the columns, whose lengths the callers' slices checked once.
    private static void Strided(ref float pixels, ref float lines, in ConvolutionGeometry g, bool toColumns)
    {
        int width = g.Width, outWidth = g.OutputWidth, stride = g.StrideWidth, positions = g.Positions;
        int row = 0;
        for (int c = 0; c < g.Channels; c++)
            for (int ky = 0; ky < g.KernelHeight; ky++)
                for (int kx = 0; kx < g.KernelWidth; kx++, row++)
                {
                    var (first, last) = ValidPositions(kx, stride, g.PaddingWidth, width, outWidth);
                    for (int oy = 0; oy < g.OutputHeight; oy++)
                    {
                        ref float line = ref Unsafe.Add(ref lines, row * positions + oy * outWidth);
                        int iy = oy * g.StrideHeight - g.PaddingHeight + ky;
                        if ((uint)iy >= (uint)g.Height || first >= last)
                        {
                            if (toColumns) ShortRuns.Clear(ref line, outWidth);
                            continue;
                        }
                        ref float pixel = ref Unsafe.Add(ref pixels, (c * g.Height + iy) * width + first * stride - g.PaddingWidth + kx);
                        ref float run = ref Unsafe.Add(ref line, first);
                        if (toColumns)
                        {
                            ShortRuns.Clear(ref line, first);
                            if (stride == 1) ShortRuns.Copy(ref pixel, ref run, last - first);
                            else ShortRuns.Gather(ref pixel, stride, ref run, last - first);
                            ShortRuns.Clear(ref Unsafe.Add(ref line, last), outWidth - last);
                        }
                        else if (stride == 1) ShortRuns.Add(ref run, ref pixel, last - first);
                        else ShortRuns.ScatterAdd(ref run, ref pixel, stride, last - first);
                    }
                }
    }

    /// <summary>
    /// Stride 1 with output rows as wide as the image's ("same" padding across): then each column row (c, ky, kx) is
    /// plane c shifted by dy·W + dx (dy = ky − ph, dx = kx − pw) as a whole, one copy instead of a run per output row,
    /// except for the |dx| entries at one end of each row, which wrapped round from the neighbouring image row and
    /// must be zero (positions in the padding).
    /// </summary>
    private static bool IsShift(in ConvolutionGeometry g) => g.StrideWidth == 1 && g.StrideHeight == 1 && g.OutputWidth == g.Width;

    // im2col (toColumns) or col2im over whole shifted planes.
    private static void Shifted(ref float pixels, ref float lines, in ConvolutionGeometry g, bool toColumns)
    {
        int width = g.Width, plane = g.Height * width, positions = g.Positions;
        int row = 0;
        for (int c = 0; c < g.Channels; c++)
            for (int ky = 0; ky < g.KernelHeight; ky++)
                for (int kx = 0; kx < g.KernelWidth; kx++, row++)
                {
                    ref float line = ref Unsafe.Add(ref lines, row * positions);
                    if (!ShiftedRange(g, ky, kx, out int dy, out int dx, out int start, out int end))
                    {
                        if (toColumns) ShortRuns.Clear(ref line, positions);
                        continue;
                    }
                    ref float pixel = ref Unsafe.Add(ref pixels, c * plane + start + dy * width + dx);
                    if (toColumns)
                    {
                        ShortRuns.Clear(ref line, start);
                        ShortRuns.Copy(ref pixel, ref Unsafe.Add(ref line, start), end - start);
                        ShortRuns.Clear(ref Unsafe.Add(ref line, end), positions - end);
                        ClearWrapped(ref line, g, dx);
                    }
                    else
                    {
                        // Zeroed, the wrapped entries add nothing to the neighbouring row's pixels they land on.
                        ClearWrapped(ref line, g, dx);
                        ShortRuns.Add(ref Unsafe.Add(ref line, start), ref pixel, end - start);
                    }
                }
    }

    // Positions [start, end) of the shift by (dy, dx) whose pixel lies in the image, wrapped ones included; false if none.
    private static bool ShiftedRange(in ConvolutionGeometry g, int ky, int kx, out int dy, out int dx, out int start, out int end)
    {
        dy = ky - g.PaddingHeight;
        dx = kx - g.PaddingWidth;
        int firstRow = Math.Max(0, -dy), endRow = Math.Min(g.OutputHeight, g.Height - dy);
        start = firstRow * g.Width + Math.Max(0, -dx);
        end = endRow * g.Width - Math.Max(0, dx);
        return Math.Abs(dx) < g.Width && start < end;
    }

    // Zeroes, in every output row, the |dx| positions whose pixel lies left (dx < 0) or right (dx > 0) of the image.
    private static void ClearWrapped(ref float line, in ConvolutionGeometry g, int dx)
    {
        if (dx == 0) return;
        int width = g.Width, count = Math.Abs(dx), offset = dx < 0 ? 0 : width - dx;
        for (int oy = 0; oy < g.OutputHeight; oy++) ShortRuns.Clear(ref Unsafe.Add(ref line, oy * width + offset), count);
    }

    /// <summary>output (O, OH·OW) (+)= Σ over taps (ky, kx) of taps (O·kh·kw, H·W) read at the pixel each window position sees
    /// through that tap.</summary>
    public static void GatherTaps(ReadOnlySpan<float> taps, Span<float> output, int outputChannels, in ConvolutionGeometry g, bool accumulate)
    {
        if (!accumulate) output[..(outputChannels * g.Positions)].Clear();
        var gather = new GatherTapsIntoOutput(taps, output, g);
        ForEachRun(outputChannels, g, ref gather);
    }

    /// <summary>The adjoint of <see cref="GatherTaps"/>: taps (O·kh·kw, H·W) = each output gradient (O, OH·OW) placed on the
    /// pixel its window position saw through each tap (summed where positions share a pixel).</summary>
    public static void ScatterTaps(ReadOnlySpan<float> upstream, Span<float> taps, int outputChannels, in ConvolutionGeometry g)
    {
        taps[..(outputChannels * g.KernelArea * g.Height * g.Width)].Clear();
        var scatter = new ScatterOutputIntoTaps(upstream, taps, g);
        ForEachRun(outputChannels, g, ref scatter);
    }

    /// <summary>What to do with one run: positions [first, last) of output row oy, which see image row iy through tap
    /// (ky, kx) of plane <c>plane</c>; <paramref name="row"/> = (plane·kh + ky)·kw + kx numbers the (plane, tap) pairs.</summary>
    private interface IRunVisitor
    {
        void Run(int row, int plane, int oy, int iy, int kx, int first, int last);

        /// <summary>Output row oy of (plane, tap) <paramref name="row"/> sees no pixel at all (it lies in the padding).</summary>
        void Outside(int row, int oy);
    }

    private static void ForEachRun<T>(int planes, in ConvolutionGeometry g, ref T visitor) where T : IRunVisitor, allows ref struct
    {
        int kernelHeight = g.KernelHeight, kernelWidth = g.KernelWidth, strideY = g.StrideHeight, paddingY = g.PaddingHeight;
        int row = 0;
        for (int plane = 0; plane < planes; plane++)
            for (int ky = 0; ky < kernelHeight; ky++)
                for (int kx = 0; kx < kernelWidth; kx++, row++)
                {
                    var (first, last) = ValidPositions(kx, g.StrideWidth, g.PaddingWidth, g.Width, g.OutputWidth);
                    for (int oy = 0; oy < g.OutputHeight; oy++)
                    {
                        int iy = oy * strideY - paddingY + ky;
                        if ((uint)iy >= (uint)g.Height || first >= last) visitor.Outside(row, oy);
                        else visitor.Run(row, plane, oy, iy, kx, first, last);
                    }
                }
    }

    /// <summary>The window positions [first, last) on one axis whose tap <paramref name="kx"/> lands inside the image:
    /// 0 ≤ ox·s − p + kx &lt; width.</summary>
    private static (int First, int Last) ValidPositions(int kx, int s, int p, int width, int outWidth)
    {
        int first = Math.Max(0, CeilingDivide(p - kx, s));
        int last = Math.Min(outWidth, CeilingDivide(width + p - kx, s));
        return (Math.Min(first, outWidth), Math.Max(last, 0));
    }

    private static int CeilingDivide(int numerator, int denominator) =>
        numerator <= 0 ? -(-numerator / denominator) : (numerator + denominator - 1) / denominator;

    /// <summary>destination[first..last] (+)= source at pixels ox·sx − px + kx: the one inner loop every visitor shares.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRun(ReadOnlySpan<float> pixels, Span<float> positions, in ConvolutionGeometry g, int kx, int first, int last)
    {
        ref float pixel = ref Unsafe.Add(ref MemoryMarshal.GetReference(pixels), first * g.StrideWidth - g.PaddingWidth + kx);
        ref float position = ref Unsafe.Add(ref MemoryMarshal.GetReference(positions), first);
        if (g.StrideWidth == 1) ShortRuns.Add(ref pixel, ref position, last - first);
        else ShortRuns.GatherAdd(ref pixel, g.StrideWidth, ref position, last - first);
    }

    /// <summary>The adjoint of <see cref="AddRun"/>: pixels at ox·sx − px + kx += positions[first..last].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRunBack(ReadOnlySpan<float> positions, Span<float> pixels, in ConvolutionGeometry g, int kx, int first, int last)
    {
        ref float pixel = ref Unsafe.Add(ref MemoryMarshal.GetReference(pixels), first * g.StrideWidth - g.PaddingWidth + kx);
        ref float position = ref Unsafe.Add(ref MemoryMarshal.GetReference(positions), first);
        if (g.StrideWidth == 1) ShortRuns.Add(ref position, ref pixel, last - first);
        else ShortRuns.ScatterAdd(ref position, ref pixel, g.StrideWidth, last - first);
    }

    private ref struct GatherTapsIntoOutput(ReadOnlySpan<float> taps, Span<float> output, ConvolutionGeometry g) : IRunVisitor
    {
        private readonly ReadOnlySpan<float> taps = taps;
        private readonly Span<float> output = output;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Run(int row, int plane, int oy, int iy, int kx, int first, int last) =>
            AddRun(taps.Slice(row * g.Height * g.Width + iy * g.Width, g.Width), output.Slice(plane * g.Positions + oy * g.OutputWidth, g.OutputWidth), g, kx, first, last);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Outside(int row, int oy)
        {
        }
    }

    private ref struct ScatterOutputIntoTaps(ReadOnlySpan<float> upstream, Span<float> taps, ConvolutionGeometry g) : IRunVisitor
    {
        private readonly ReadOnlySpan<float> upstream = upstream;
        private readonly Span<float> taps = taps;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Run(int row, int plane, int oy, int iy, int kx, int first, int last) =>
            AddRunBack(upstream.Slice(plane * g.Positions + oy * g.OutputWidth, g.OutputWidth), taps.Slice(row * g.Height * g.Width + iy * g.Width, g.Width), g, kx, first, last);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Outside(int row, int oy)
        {
        }
    }
}
