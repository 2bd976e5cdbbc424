namespace Autoencoders.Tensors.Backends.Cpu;

// 1-D convolutions on channels-last sequences (N, T, C): im2col + GEMM per sequence, split over the batch (see
// SequenceConvolutionJob), on the same geometry as the 2-D ones (a 1 × k kernel on a 1 × T image).
public sealed unsafe partial class CpuBackend
{
    private ThreadLocal<SequenceConvolutionJob>? sequenceConvolutionJobs;

    private SequenceConvolutionJob SequenceConvolutionJob =>
        LazyInitializer.EnsureInitialized(ref sequenceConvolutionJobs, () => new ThreadLocal<SequenceConvolutionJob>(() => new SequenceConvolutionJob(ConvolutionJob.Parts, managedWidth))).Value!;

    public void Conv1D(Tensor x, Tensor kernel, Tensor? bias, Tensor y, in ConvolutionGeometry geometry)
    {
        int outputChannels = kernel.Shape[0];
        RequireConvolutionShapes(x, geometry.ImageSize, y, outputChannels * geometry.Positions, kernel, outputChannels * geometry.ColumnRows, bias, outputChannels);
        RunSequenceConvolution(SequenceConvolutionJob.Pass.ConvolutionForward, x, kernel, bias, y, null, null, false, null, null, geometry, outputChannels);
    }

    public void Conv1DBackward(Tensor x, Tensor kernel, Tensor dy, Tensor? dx, bool accumulateX, Tensor? dKernel, bool accumulateKernel,
        Tensor? dBias, bool accumulateBias, in ConvolutionGeometry geometry)
    {
        int outputChannels = kernel.Shape[0];
        RequireConvolutionShapes(x, geometry.ImageSize, dy, outputChannels * geometry.Positions, kernel, outputChannels * geometry.ColumnRows, null, 0);
        RequireGradientShapes(x, dx, kernel, dKernel, dBias, outputChannels);
        var job = RunSequenceConvolution(SequenceConvolutionJob.Pass.ConvolutionBackward, x, kernel, null, null, dy, dx, accumulateX, dKernel, dBias, geometry, outputChannels, keep: true);
        job.ReduceGradients(accumulateKernel, accumulateBias);
        job.Clear();
    }

    public void Conv1DTranspose(Tensor x, Tensor kernel, Tensor? bias, Tensor y, in ConvolutionGeometry geometry)
    {
        int inputChannels = kernel.Shape[0];
        RequireConvolutionShapes(x, inputChannels * geometry.Positions, y, geometry.ImageSize, kernel, inputChannels * geometry.ColumnRows, bias, geometry.Channels);
        RunSequenceConvolution(SequenceConvolutionJob.Pass.TransposedForward, x, kernel, bias, y, null, null, false, null, null, geometry, inputChannels);
    }

    public void Conv1DTransposeBackward(Tensor x, Tensor kernel, Tensor dy, Tensor? dx, bool accumulateX, Tensor? dKernel, bool accumulateKernel,
        Tensor? dBias, bool accumulateBias, in ConvolutionGeometry geometry)
    {
        int inputChannels = kernel.Shape[0];
        RequireConvolutionShapes(x, inputChannels * geometry.Positions, dy, geometry.ImageSize, kernel, inputChannels * geometry.ColumnRows, null, 0);
        RequireGradientShapes(x, dx, kernel, dKernel, dBias, geometry.Channels);
        var job = RunSequenceConvolution(SequenceConvolutionJob.Pass.TransposedBackward, x, kernel, null, null, dy, dx, accumulateX, dKernel, dBias, geometry, inputChannels, keep: true);
        job.ReduceGradients(accumulateKernel, accumulateBias);
        job.Clear();
    }

    private SequenceConvolutionJob RunSequenceConvolution(SequenceConvolutionJob.Pass pass, Tensor x, Tensor kernel, Tensor? bias, Tensor? y, Tensor? dy,
        Tensor? dx, bool accumulateX, Tensor? dKernel, Tensor? dBias, in ConvolutionGeometry geometry, int otherChannels, bool keep = false)
    {
        if (geometry.Height != 1 || geometry.KernelHeight != 1)
            throw new ArgumentException($"expected the 1 × k geometry of a 1-D convolution, received {geometry.KernelHeight}×{geometry.KernelWidth} on {geometry.Height}×{geometry.Width}");
        var job = SequenceConvolutionJob;
        job.Set(blas, pass, x, kernel, bias, y, dy, dx, accumulateX, dKernel, dBias, geometry, otherChannels);
        long work = (long)x.Shape[0] * geometry.ColumnRows * geometry.Positions * otherChannels;
        runner.RunExactly(job, work >= ParallelConvolutionWork ? Math.Min(x.Shape[0], ConvolutionJob.Parts) : 1);
        if (!keep) job.Clear();
        return job;
    }
}
