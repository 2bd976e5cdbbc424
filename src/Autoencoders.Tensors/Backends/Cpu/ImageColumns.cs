using System.Numerics.Tensors;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// im2col and col2im (Chellapilla et al. 2006; Caffe's layout): one image (C, H, W) ↔ its column matrix
/// (C·k·k, OH·OW), where row (c, ky, kx) holds pixel (oy·s − p + ky, ox·s − p + kx) of channel c for every window
/// position (oy, ox), zero where that pixel lies in the padding. A convolution is then one GEMM with the kernel
/// matrix (O, C·k·k). With stride 1 each row segment is a contiguous slice of an image row, so the common case
/// is a copy (or a vector add on the way back) rather than a gather.
/// </summary>
internal static class ImageColumns
{
    /// <summary>columns (C·k·k, OH·OW) = im2col(image (C, H, W)).</summary>
    public static void ImageToColumns(ReadOnlySpan<float> image, Span<float> columns, in ConvolutionGeometry g)
    {
        int k = g.Kernel, s = g.Stride, p = g.Padding, width = g.Width, outWidth = g.OutputWidth, positions = g.Positions;
        int row = 0;
        for (int c = 0; c < g.Channels; c++)
            for (int ky = 0; ky < k; ky++)
                for (int kx = 0; kx < k; kx++, row++)
                {
                    Span<float> destination = columns.Slice(row * positions, positions);
                    var (first, last) = ValidPositions(kx, s, p, width, outWidth);
                    for (int oy = 0; oy < g.OutputHeight; oy++)
                    {
                        Span<float> line = destination.Slice(oy * outWidth, outWidth);
                        int iy = oy * s - p + ky;
                        if ((uint)iy >= (uint)g.Height || first >= last)
                        {
                            line.Clear();
                            continue;
                        }
                        ReadOnlySpan<float> source = image.Slice((c * g.Height + iy) * width, width);
                        line[..first].Clear();
                        if (s == 1)
                            source.Slice(first - p + kx, last - first).CopyTo(line[first..last]);
                        else
                            for (int ox = first; ox < last; ox++) line[ox] = source[ox * s - p + kx];
                        line[last..].Clear();
                    }
                }
    }

    /// <summary>image (C, H, W) (+)= col2im(columns): every column entry is added back onto the pixel it was read
    /// from, so overlapping windows sum. <paramref name="accumulate"/> false clears the image first.</summary>
    public static void ColumnsToImage(ReadOnlySpan<float> columns, Span<float> image, in ConvolutionGeometry g, bool accumulate)
    {
        if (!accumulate) image[..g.ImageSize].Clear();
        int k = g.Kernel, s = g.Stride, p = g.Padding, width = g.Width, outWidth = g.OutputWidth, positions = g.Positions;
        int row = 0;
        for (int c = 0; c < g.Channels; c++)
            for (int ky = 0; ky < k; ky++)
                for (int kx = 0; kx < k; kx++, row++)
                {
                    ReadOnlySpan<float> source = columns.Slice(row * positions, positions);
                    var (first, last) = ValidPositions(kx, s, p, width, outWidth);
                    if (first >= last) continue;
                    for (int oy = 0; oy < g.OutputHeight; oy++)
                    {
                        int iy = oy * s - p + ky;
                        if ((uint)iy >= (uint)g.Height) continue;
                        ReadOnlySpan<float> line = source.Slice(oy * outWidth, outWidth);
                        Span<float> destination = image.Slice((c * g.Height + iy) * width, width);
                        if (s == 1)
                        {
                            Span<float> segment = destination.Slice(first - p + kx, last - first);
                            TensorPrimitives.Add(segment, line[first..last], segment);
                        }
                        else
                            for (int ox = first; ox < last; ox++) destination[ox * s - p + kx] += line[ox];
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

    /// <summary>output (O, OH·OW) (+)= Σ over taps (ky, kx) of taps (O·k·k, H·W) read at the pixel each window position
    /// sees through that tap: a convolution whose channel mixing was done first, per tap, by one GEMM
    /// (taps = K' · image with K' the kernel as (O·k·k, C)). Cheaper than im2col when O &lt; C.</summary>
    public static void GatherTaps(ReadOnlySpan<float> taps, Span<float> output, int outputChannels, in ConvolutionGeometry g, bool accumulate)
    {
        if (!accumulate) output[..(outputChannels * g.Positions)].Clear();
        int k = g.Kernel, s = g.Stride, p = g.Padding, width = g.Width, outWidth = g.OutputWidth, plane = g.Height * g.Width;
        int row = 0;
        for (int o = 0; o < outputChannels; o++)
        {
            Span<float> destination = output.Slice(o * g.Positions, g.Positions);
            for (int ky = 0; ky < k; ky++)
                for (int kx = 0; kx < k; kx++, row++)
                {
                    ReadOnlySpan<float> tap = taps.Slice(row * plane, plane);
                    var (first, last) = ValidPositions(kx, s, p, width, outWidth);
                    if (first >= last) continue;
                    for (int oy = 0; oy < g.OutputHeight; oy++)
                    {
                        int iy = oy * s - p + ky;
                        if ((uint)iy >= (uint)g.Height) continue;
                        ReadOnlySpan<float> source = tap.Slice(iy * width, width);
                        Span<float> line = destination.Slice(oy * outWidth, outWidth);
                        if (s == 1)
                        {
                            Span<float> segment = line[first..last];
                            TensorPrimitives.Add(segment, source.Slice(first - p + kx, last - first), segment);
                        }
                        else
                            for (int ox = first; ox < last; ox++) line[ox] += source[ox * s - p + kx];
                    }
                }
        }
    }

    /// <summary>The adjoint of <see cref="GatherTaps"/>: taps (O·k·k, H·W) = each output gradient (O, OH·OW) placed on the
    /// pixel its window position saw through each tap (summed where positions share a pixel).</summary>
    public static void ScatterTaps(ReadOnlySpan<float> upstream, Span<float> taps, int outputChannels, in ConvolutionGeometry g)
    {
        int k = g.Kernel, s = g.Stride, p = g.Padding, width = g.Width, outWidth = g.OutputWidth, plane = g.Height * g.Width;
        taps[..(outputChannels * k * k * plane)].Clear();
        int row = 0;
        for (int o = 0; o < outputChannels; o++)
        {
            ReadOnlySpan<float> source = upstream.Slice(o * g.Positions, g.Positions);
            for (int ky = 0; ky < k; ky++)
                for (int kx = 0; kx < k; kx++, row++)
                {
                    Span<float> tap = taps.Slice(row * plane, plane);
                    var (first, last) = ValidPositions(kx, s, p, width, outWidth);
                    if (first >= last) continue;
                    for (int oy = 0; oy < g.OutputHeight; oy++)
                    {
                        int iy = oy * s - p + ky;
                        if ((uint)iy >= (uint)g.Height) continue;
                        ReadOnlySpan<float> line = source.Slice(oy * outWidth, outWidth);
                        Span<float> destination = tap.Slice(iy * width, width);
                        if (s == 1)
                        {
                            Span<float> segment = destination.Slice(first - p + kx, last - first);
                            TensorPrimitives.Add(segment, line[first..last], segment);
                        }
                        else
                            for (int ox = first; ox < last; ox++) destination[ox * s - p + kx] += line[ox];
                    }
                }
        }
    }
}
