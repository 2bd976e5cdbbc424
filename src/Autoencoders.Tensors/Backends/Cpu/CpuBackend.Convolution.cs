namespace Autoencoders.Tensors.Backends.Cpu;

// Convolutions as im2col + GEMM, split over the batch (see ConvolutionJob).
public sealed unsafe partial class CpuBackend
{
    // Below this many multiply-adds a convolution pass runs on the calling thread.
    private const long ParallelConvolutionWork = 1 << 17;

    private ConvolutionJob ConvolutionJob => convolutionJobs.Value!;

    public void Conv2D(Tensor x, Tensor kernel, Tensor? bias, Tensor y, in ConvolutionGeometry geometry)
    {
        int outputChannels = kernel.Shape[0];
        RequireConvolutionShapes(x, geometry.ImageSize, y, outputChannels * geometry.Positions, kernel, outputChannels * geometry.ColumnRows, bias, outputChannels);
        var job = ConvolutionJob;
        job.SetForward(blas, ConvolutionJob.Pass.ConvolutionForward, x, kernel, bias, y, geometry, outputChannels);
        RunConvolution(job, x.Shape[0], geometry, outputChannels);
        job.Clear();
    }

    public void Conv2DBackward(Tensor x, Tensor kernel, Tensor dy, Tensor? dx, bool accumulateX, Tensor? dKernel, bool accumulateKernel,
        Tensor? dBias, bool accumulateBias, in ConvolutionGeometry geometry)
    {
        int outputChannels = kernel.Shape[0];
        RequireConvolutionShapes(x, geometry.ImageSize, dy, outputChannels * geometry.Positions, kernel, outputChannels * geometry.ColumnRows, null, 0);
        RequireGradientShapes(x, dx, kernel, dKernel, dBias, outputChannels);
        var job = ConvolutionJob;
        job.SetBackward(blas, ConvolutionJob.Pass.ConvolutionBackward, x, kernel, dy, dx, accumulateX, dKernel, dBias, geometry, outputChannels);
        RunConvolution(job, x.Shape[0], geometry, outputChannels);
        job.ReduceGradients(accumulateKernel, accumulateBias);
        job.Clear();
    }

    public void Conv2DTranspose(Tensor x, Tensor kernel, Tensor? bias, Tensor y, in ConvolutionGeometry geometry)
    {
        int inputChannels = kernel.Shape[0];
        RequireConvolutionShapes(x, inputChannels * geometry.Positions, y, geometry.ImageSize, kernel, inputChannels * geometry.ColumnRows, bias, geometry.Channels);
        var job = ConvolutionJob;
        job.SetForward(blas, ConvolutionJob.Pass.TransposedForward, x, kernel, bias, y, geometry, inputChannels);
        RunConvolution(job, x.Shape[0], geometry, inputChannels);
        job.Clear();
    }

    public void Conv2DTransposeBackward(Tensor x, Tensor kernel, Tensor dy, Tensor? dx, bool accumulateX, Tensor? dKernel, bool accumulateKernel,
        Tensor? dBias, bool accumulateBias, in ConvolutionGeometry geometry)
    {
        int inputChannels = kernel.Shape[0];
        RequireConvolutionShapes(x, inputChannels * geometry.Positions, dy, geometry.ImageSize, kernel, inputChannels * geometry.ColumnRows, null, 0);
        RequireGradientShapes(x, dx, kernel, dKernel, dBias, geometry.Channels);
        var job = ConvolutionJob;
        job.SetBackward(blas, ConvolutionJob.Pass.TransposedBackward, x, kernel, dy, dx, accumulateX, dKernel, dBias, geometry, inputChannels);
        RunConvolution(job, x.Shape[0], geometry, inputChannels);
        job.ReduceGradients(accumulateKernel, accumulateBias);
        job.Clear();
    }

    private void RunConvolution(ConvolutionJob job, int images, in ConvolutionGeometry geometry, int otherChannels)
    {
        long work = (long)images * geometry.ColumnRows * geometry.Positions * otherChannels;
        runner.RunExactly(job, work >= ParallelConvolutionWork ? Math.Min(images, ConvolutionJob.Parts) : 1);
    }

    // A gradient is written through its view only: one of the wrong size would be read or written past its end.
    private static void RequireGradientShapes(Tensor x, Tensor? dx, Tensor kernel, Tensor? dKernel, Tensor? dBias, int biasLength)
    {
        if (dx is not null && dx.Length != x.Length)
            throw new ArgumentException($"expected an input gradient of {x.Length} values like {x.Shape}, received {dx.Shape}");
        if (dKernel is not null && dKernel.Length != kernel.Length)
            throw new ArgumentException($"expected a kernel gradient of {kernel.Length} values like {kernel.Shape}, received {dKernel.Shape}");
        if (dBias is not null && dBias.Length != biasLength)
            throw new ArgumentException($"expected a bias gradient of {biasLength} values, received {dBias.Shape}");
    }

    private static void RequireConvolutionShapes(Tensor x, int xPerImage, Tensor y, int yPerImage, Tensor kernel, int kernelLength, Tensor? bias, int biasLength)
    {
        int images = x.Shape[0];
        if (x.Length != images * xPerImage)
            throw new ArgumentException($"expected {xPerImage} input values per image, received {x.Shape}");
        if (y.Length != images * yPerImage)
            throw new ArgumentException($"expected {images}×{yPerImage} output values, received {y.Shape}");
        if (kernel.Length != kernelLength)
            throw new ArgumentException($"expected a kernel of {kernelLength} values, received {kernel.Shape}");
        if (bias is not null && bias.Length != biasLength)
            throw new ArgumentException($"expected a bias of {biasLength} values, received {bias.Shape}");
    }
}
