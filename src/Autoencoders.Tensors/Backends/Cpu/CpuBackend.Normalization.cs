namespace Autoencoders.Tensors.Backends.Cpu;

// Batch normalisation, split over channels (see BatchNormJob).
public sealed partial class CpuBackend
{
    public void BatchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVariance, Tensor y,
        Tensor normalized, Tensor inverseStd, float momentum, float epsilon, bool training)
    {
        int channels = x.Shape.Rank >= 2 ? x.Shape[1] : throw new ArgumentException($"expected (N, C, ...) input, received {x.Shape}");
        foreach (var perChannel in (ReadOnlySpan<Tensor>)[gamma, beta, runningMean, runningVariance, inverseStd])
            if (perChannel.Length != channels)
                throw new ArgumentException($"expected {channels} values per channel tensor for input {x.Shape}, received {perChannel.Shape}");
        var job = batchNormJobs.Value!;
        job.SetForward(x, gamma, beta, runningMean, runningVariance, y, normalized, inverseStd, momentum, epsilon, training);
        RunBatchNorm(job);
    }

    public void BatchNormBackward(Tensor normalized, Tensor inverseStd, Tensor gamma, Tensor dy, Tensor? dx, bool accumulateX,
        Tensor? dGamma, bool accumulateGamma, Tensor? dBeta, bool accumulateBeta, bool training)
    {
        var job = batchNormJobs.Value!;
        job.SetBackward(normalized, inverseStd, gamma, dy, dx, accumulateX, dGamma, accumulateGamma, dBeta, accumulateBeta, training);
        RunBatchNorm(job);
    }

    private void RunBatchNorm(BatchNormJob job)
    {
        runner.Run(job, job.Channels * job.ValuesPerChannel >= ParallelThreshold ? Math.Min(job.Channels, runner.MaxChunks) : 1);
        job.Clear();
    }
}
