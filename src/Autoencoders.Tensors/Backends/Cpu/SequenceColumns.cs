using System.Numerics.Tensors;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// im2col and col2im for sequences stored channels last, (T, C) per sequence, on the 1 × k geometry of a 1-D convolution
/// (<see cref="ConvolutionGeometry"/> with Height 1): window position t reads steps t·s − p … t·s − p + k − 1, which in
/// this layout are k·C contiguous values. So a column row is one copy of the steps inside the sequence and zeros for
/// those in the padding, whatever the stride, where the channels-first layout gathers one strided value at a time.
/// </summary>
internal static class SequenceColumns
{
    /// <summary>columns (OT, k·C) = the window of each position of <paramref name="sequence"/> (T, C).</summary>
    public static void SequenceToColumns(ReadOnlySpan<float> sequence, Span<float> columns, in ConvolutionGeometry g)
    {
        int channels = g.Channels, row = g.KernelWidth * channels;
        for (int t = 0; t < g.OutputWidth; t++)
        {
            Span<float> line = columns.Slice(t * row, row);
            var (first, last) = TapsInside(t, g);
            if (first >= last)
            {
                line.Clear();
                continue;
            }
            int start = t * g.StrideWidth - g.PaddingWidth;
            line[..(first * channels)].Clear();
            sequence.Slice((start + first) * channels, (last - first) * channels).CopyTo(line[(first * channels)..]);
            line[(last * channels)..].Clear();
        }
    }

    /// <summary>sequence (T, C) (+)= each column row added back onto the steps its window read (overlapping windows sum).</summary>
    public static void ColumnsToSequence(ReadOnlySpan<float> columns, Span<float> sequence, in ConvolutionGeometry g, bool accumulate)
    {
        int channels = g.Channels, row = g.KernelWidth * channels;
        if (!accumulate) sequence[..(g.Width * channels)].Clear();
        for (int t = 0; t < g.OutputWidth; t++)
        {
            var (first, last) = TapsInside(t, g);
            if (first >= last) continue;
            int start = t * g.StrideWidth - g.PaddingWidth;
            Span<float> steps = sequence.Slice((start + first) * channels, (last - first) * channels);
            TensorPrimitives.Add(steps, columns.Slice(t * row + first * channels, steps.Length), steps);
        }
    }

    /// <summary>The taps [first, last) of position t that land inside the sequence: 0 ≤ t·s − p + j &lt; T.</summary>
    private static (int First, int Last) TapsInside(int t, in ConvolutionGeometry g)
    {
        int start = t * g.StrideWidth - g.PaddingWidth;
        return (Math.Max(0, -start), Math.Min(g.KernelWidth, g.Width - start));
    }

    /// <summary>(A, B, k) → (A, k, B): a PyTorch 1-D kernel with its taps before its channels, the order of a column row.</summary>
    public static void TapsBeforeChannels(ReadOnlySpan<float> kernel, Span<float> permuted, int a, int b, int k)
    {
        for (int i = 0; i < a; i++)
            for (int j = 0; j < b; j++)
                for (int tap = 0; tap < k; tap++)
                    permuted[(i * k + tap) * b + j] = kernel[(i * b + j) * k + tap];
    }

    /// <summary>The inverse of <see cref="TapsBeforeChannels"/>, added into <paramref name="kernel"/> when <paramref name="accumulate"/>.</summary>
    public static void ChannelsBeforeTaps(ReadOnlySpan<float> permuted, Span<float> kernel, int a, int b, int k, bool accumulate)
    {
        for (int i = 0; i < a; i++)
            for (int j = 0; j < b; j++)
                for (int tap = 0; tap < k; tap++)
                {
                    int index = (i * b + j) * k + tap;
                    float value = permuted[(i * k + tap) * b + j];
                    kernel[index] = accumulate ? kernel[index] + value : value;
                }
    }
}
