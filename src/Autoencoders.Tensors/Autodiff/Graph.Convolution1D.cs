namespace Autoencoders.Tensors.Autodiff;

// 1-D convolutions on sequences (N, T, C), channels last as Keras's, with PyTorch's kernels: (O, C, k) for a
// convolution (Conv1d's weight), (C, O, k) for a transposed one, on the 2-D engine's geometry (a 1 × k kernel on a
// 1 × T image). The layout is handled by a channels-last im2col (each window is k·C contiguous values; see
// SequenceConvolutionJob) rather than by transposing to (N, C, 1, T) around the NCHW path: measured on the conv1d preset
// (perf, one thread), the transposes took 18% of a training step and the NCHW im2col's strided gathers (stride 2) 30%,
// against 20% for all the GEMMs; the channels-last columns are contiguous copies and need no transposes at all.
public sealed partial class Graph
{
    /// <summary>y (N, OT, O) = x (N, T, C) ⋆ kernel (O, C, k) + bias (O), zero padding <paramref name="padding"/> on both
    /// ends, as PyTorch's conv1d (on channels-last sequences): OT = ⌊(T + 2p − k) / s⌋ + 1.</summary>
    public Tensor Conv1D(Tensor x, Tensor kernel, Tensor? bias, int stride, int padding)
    {
        RequireSequences(x, kernel, channelAxisOfKernel: 1);
        var g = ConvolutionGeometry.ForConvolution(x.Shape[2], 1, x.Shape[1], (1, kernel.Shape[2]), (1, stride), (0, padding));
        Tensor y = NewTensor(new Shape(x.Shape[0], g.OutputWidth, kernel.Shape[0]));
        Backend.Conv1D(x, kernel, bias, y, g);
        if (Tracks(x, kernel, bias))
            Record(y, new TapeEntry { Op = OpCode.Conv1D, A = x, B = kernel, C = bias, Geometry = g });
        return y;
    }

    private void Conv1DBackward(ref TapeEntry e)
    {
        Tensor? dx = GradientOf(e.A, out bool accumulateX);
        Tensor? dKernel = GradientOf(e.B!, out bool accumulateKernel);
        bool accumulateBias = false;
        Tensor? dBias = e.C is null ? null : GradientOf(e.C, out accumulateBias);
        Backend.Conv1DBackward(e.A, e.B!, GradOfOutput(e), dx, accumulateX, dKernel, accumulateKernel, dBias, accumulateBias, e.Geometry);
    }

    /// <summary>y (N, T', O) = the transposed convolution of x (N, T, C) with kernel (C, O, k) + bias (O), as PyTorch's
    /// conv_transpose1d: T' = (T − 1)·s − 2p + k + output padding.</summary>
    public Tensor Conv1DTranspose(Tensor x, Tensor kernel, Tensor? bias, int stride, int padding, int outputPadding)
    {
        RequireSequences(x, kernel, channelAxisOfKernel: 0);
        var g = ConvolutionGeometry.ForTransposed(kernel.Shape[1], 1, x.Shape[1], (1, kernel.Shape[2]), (1, stride), (0, padding), (0, outputPadding));
        Tensor y = NewTensor(new Shape(x.Shape[0], g.Width, g.Channels));
        Backend.Conv1DTranspose(x, kernel, bias, y, g);
        if (Tracks(x, kernel, bias))
            Record(y, new TapeEntry { Op = OpCode.Conv1DTranspose, A = x, B = kernel, C = bias, Geometry = g });
        return y;
    }

    private void Conv1DTransposeBackward(ref TapeEntry e)
    {
        Tensor? dx = GradientOf(e.A, out bool accumulateX);
        Tensor? dKernel = GradientOf(e.B!, out bool accumulateKernel);
        bool accumulateBias = false;
        Tensor? dBias = e.C is null ? null : GradientOf(e.C, out accumulateBias);
        Backend.Conv1DTransposeBackward(e.A, e.B!, GradOfOutput(e), dx, accumulateX, dKernel, accumulateKernel, dBias, accumulateBias, e.Geometry);
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
