namespace Autoencoders.Tensors.Autodiff;

// 2-D convolutions on NCHW tensors. Letters: N images, C input channels, O output channels, kh × kw kernel (square in Conv2D's layers).
public sealed partial class Graph
{
    /// <summary>y (N, O, OH, OW) = x (N, C, H, W) ⋆ kernel (O, C, kh, kw) + bias (O), zero padding
    /// <paramref name="padding"/> on every side, as PyTorch's conv2d: OH = ⌊(H + 2p − k) / s⌋ + 1.</summary>
    public Tensor Conv2D(Tensor x, Tensor kernel, Tensor? bias, int stride, int padding)
    {
        RequireImages(x, kernel, channelAxisOfKernel: 1);
        var g = ConvolutionGeometry.ForConvolution(x.Shape[1], x.Shape[2], x.Shape[3], (kernel.Shape[2], kernel.Shape[3]), (stride, stride), (padding, padding));
        Tensor y = NewTensor(new Shape(x.Shape[0], kernel.Shape[0], g.OutputHeight, g.OutputWidth));
        Backend.Conv2D(x, kernel, bias, y, g);
        if (Tracks(x, kernel, bias))
            Record(y, new TapeEntry { Op = OpCode.Conv2D, A = x, B = kernel, C = bias, Geometry = g });
        return y;
    }

    private void Conv2DBackward(ref TapeEntry e)
    {
        Tensor? dx = GradientOf(e.A, out bool accumulateX);
        Tensor? dKernel = GradientOf(e.B!, out bool accumulateKernel);
        bool accumulateBias = false;
        Tensor? dBias = e.C is null ? null : GradientOf(e.C, out accumulateBias);
        Backend.Conv2DBackward(e.A, e.B!, GradOfOutput(e), dx, accumulateX, dKernel, accumulateKernel, dBias, accumulateBias, e.Geometry);
    }

    /// <summary>y (N, O, H, W) = the transposed convolution of x (N, C, IH, IW) with kernel (C, O, kh, kw) + bias (O),
    /// as PyTorch's conv_transpose2d: H = (IH − 1)·s − 2p + k + output padding. It is the gradient of a convolution
    /// with respect to its input, so it upsamples by the stride.</summary>
    public Tensor Conv2DTranspose(Tensor x, Tensor kernel, Tensor? bias, int stride, int padding, int outputPadding)
    {
        RequireImages(x, kernel, channelAxisOfKernel: 0);
        var g = ConvolutionGeometry.ForTransposed(kernel.Shape[1], x.Shape[2], x.Shape[3], (kernel.Shape[2], kernel.Shape[3]), (stride, stride),
            (padding, padding), (outputPadding, outputPadding));
        Tensor y = NewTensor(new Shape(x.Shape[0], g.Channels, g.Height, g.Width));
        Backend.Conv2DTranspose(x, kernel, bias, y, g);
        if (Tracks(x, kernel, bias))
            Record(y, new TapeEntry { Op = OpCode.Conv2DTranspose, A = x, B = kernel, C = bias, Geometry = g });
        return y;
    }

    private void Conv2DTransposeBackward(ref TapeEntry e)
    {
        Tensor? dx = GradientOf(e.A, out bool accumulateX);
        Tensor? dKernel = GradientOf(e.B!, out bool accumulateKernel);
        bool accumulateBias = false;
        Tensor? dBias = e.C is null ? null : GradientOf(e.C, out accumulateBias);
        Backend.Conv2DTransposeBackward(e.A, e.B!, GradOfOutput(e), dx, accumulateX, dKernel, accumulateKernel, dBias, accumulateBias, e.Geometry);
    }

    private static void RequireImages(Tensor x, Tensor kernel, int channelAxisOfKernel)
    {
        if (x.Shape.Rank != 4)
            throw new ArgumentException($"expected images (N, C, H, W), received {x.Shape}");
        if (kernel.Shape.Rank != 4)
            throw new ArgumentException($"expected a kernel of rank 4, received {kernel.Shape}");
        if (kernel.Shape[channelAxisOfKernel] != x.Shape[1])
            throw new ArgumentException($"expected {kernel.Shape[channelAxisOfKernel]} input channels for kernel {kernel.Shape}, received {x.Shape}");
    }
}
