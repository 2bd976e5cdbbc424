namespace Autoencoders.Tensors.Autodiff;

// 1-D convolutions on sequences (N, T, C), channels last as Keras's, with PyTorch's kernels: (O, C, k) for a
// convolution (Conv1d's weight), (C, O, k) for a transposed one. Each is the 2-D engine's 1 × k kernel on a 1 × T
// image: the sequence is transposed to (N, C, 1, T), convolved by im2col + GEMM per image, and the result transposed
// back to (N, OT, O). Why not a channels-last im2col (each position's window is k·C contiguous values) with one GEMM for
// the whole batch: it needs a second engine (its own col2im, bias and kernel permutes), and the transposes it saves
// are two passes over activations that are small next to the columns; see the bench figures in the branch's report.
public sealed partial class Graph
{
    /// <summary>y (N, OT, O) = x (N, T, C) ⋆ kernel (O, C, k) + bias (O), zero padding <paramref name="padding"/> on both
    /// ends, as PyTorch's conv1d (on channels-last sequences): OT = ⌊(T + 2p − k) / s⌋ + 1.</summary>
    public Tensor Conv1D(Tensor x, Tensor kernel, Tensor? bias, int stride, int padding)
    {
        RequireSequences(x, kernel, channelAxisOfKernel: 1);
        int batch = x.Shape[0], steps = x.Shape[1], channels = x.Shape[2], outputChannels = kernel.Shape[0];
        var g = ConvolutionGeometry.ForConvolution(channels, 1, steps, (1, kernel.Shape[2]), (1, stride), (0, padding));
        Tensor images = ChannelsFirst(x, steps, channels);                                  // (N, C, 1, T)
        Tensor positions = NewTensor(new Shape(batch, outputChannels, 1, g.OutputWidth));    // (N, O, 1, OT)
        Backend.Conv2D(images, kernel, bias, positions, g);
        Tensor y = ChannelsLast(positions, outputChannels, g.OutputWidth);                 // (N, OT, O)
        if (Tracks(x, kernel, bias))
            Record(y, new TapeEntry { Op = OpCode.Conv1D, A = x, B = kernel, C = bias, D = images, Geometry = g });
        return y;
    }

    private void Conv1DBackward(ref TapeEntry e)
    {
        var g = e.Geometry;
        int batch = e.A.Shape[0], outputChannels = e.B!.Shape[0];
        Tensor upstream = ChannelsFirst(GradOfOutput(e), g.OutputWidth, outputChannels);   // (N, O, 1, OT)
        Tensor? dx = GradientOf(e.A, out bool accumulateX);
        Tensor? dKernel = GradientOf(e.B, out bool accumulateKernel);
        bool accumulateBias = false;
        Tensor? dBias = e.C is null ? null : GradientOf(e.C, out accumulateBias);
        Tensor? dImages = dx is null ? null : NewTensor(new Shape(batch, g.Channels, 1, g.Width));
        Backend.Conv2DBackward(e.D!, e.B, upstream, dImages, false, dKernel, accumulateKernel, dBias, accumulateBias, g);
        if (dx is not null) Backend.TransposeMatrices(dImages!, dx, g.Channels, g.Width, accumulateX);
    }

    /// <summary>y (N, T', O) = the transposed convolution of x (N, T, C) with kernel (C, O, k) + bias (O), as PyTorch's
    /// conv_transpose1d: T' = (T − 1)·s − 2p + k + output padding.</summary>
    public Tensor Conv1DTranspose(Tensor x, Tensor kernel, Tensor? bias, int stride, int padding, int outputPadding)
    {
        RequireSequences(x, kernel, channelAxisOfKernel: 0);
        int batch = x.Shape[0], steps = x.Shape[1], channels = x.Shape[2], outputChannels = kernel.Shape[1];
        var g = ConvolutionGeometry.ForTransposed(outputChannels, 1, steps, (1, kernel.Shape[2]), (1, stride), (0, padding), (0, outputPadding));
        Tensor positions = ChannelsFirst(x, steps, channels);                                // (N, C, 1, T)
        Tensor images = NewTensor(new Shape(batch, outputChannels, 1, g.Width));            // (N, O, 1, T')
        Backend.Conv2DTranspose(positions, kernel, bias, images, g);
        Tensor y = ChannelsLast(images, outputChannels, g.Width);                           // (N, T', O)
        if (Tracks(x, kernel, bias))
            Record(y, new TapeEntry { Op = OpCode.Conv1DTranspose, A = x, B = kernel, C = bias, D = positions, Geometry = g });
        return y;
    }

    private void Conv1DTransposeBackward(ref TapeEntry e)
    {
        var g = e.Geometry;
        int batch = e.A.Shape[0], channels = e.A.Shape[2];
        Tensor upstream = ChannelsFirst(GradOfOutput(e), g.Width, g.Channels);             // (N, O, 1, T')
        Tensor? dx = GradientOf(e.A, out bool accumulateX);
        Tensor? dKernel = GradientOf(e.B!, out bool accumulateKernel);
        bool accumulateBias = false;
        Tensor? dBias = e.C is null ? null : GradientOf(e.C, out accumulateBias);
        Tensor? dPositions = dx is null ? null : NewTensor(new Shape(batch, channels, 1, g.OutputWidth));
        Backend.Conv2DTransposeBackward(e.D!, e.B!, upstream, dPositions, false, dKernel, accumulateKernel, dBias, accumulateBias, g);
        if (dx is not null) Backend.TransposeMatrices(dPositions!, dx, channels, g.OutputWidth, accumulateX);
    }

    /// <summary>(N, T, C) → a new (N, C, 1, T).</summary>
    private Tensor ChannelsFirst(Tensor sequences, int steps, int channels)
    {
        Tensor images = NewTensor(new Shape(sequences.Shape[0], channels, 1, steps));
        Backend.TransposeMatrices(sequences, images, steps, channels, accumulate: false);
        return images;
    }

    /// <summary>(N, C, 1, T) → a new (N, T, C).</summary>
    private Tensor ChannelsLast(Tensor images, int channels, int steps)
    {
        Tensor sequences = NewTensor(new Shape(images.Shape[0], steps, channels));
        Backend.TransposeMatrices(images, sequences, channels, steps, accumulate: false);
        return sequences;
    }

    private static void RequireSequences(Tensor x, Tensor kernel, int channelAxisOfKernel)
    {
        if (x.Shape.Rank != 3)
            throw new ArgumentException($"expected sequences (N, T, C), received {x.Shape}");
        if (kernel.Shape.Rank != 3)
            throw new ArgumentException($"expected a kernel of rank 3, received {kernel.Shape}");
        if (kernel.Shape[channelAxisOfKernel] != x.Shape[2])
            throw new ArgumentException($"expected {kernel.Shape[channelAxisOfKernel]} input channels for kernel {kernel.Shape}, received {x.Shape}");
    }
}
