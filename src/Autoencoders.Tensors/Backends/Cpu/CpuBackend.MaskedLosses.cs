namespace Autoencoders.Tensors.Backends.Cpu;

// The masked squared error of rating models, split over the cores in ranges like the other losses. Scalar loops: the
// loss is one pass over a batch whose GEMMs cost a few hundred passes, so SIMD here would not show.
public sealed unsafe partial class CpuBackend
{
    public double MaskedSquaredErrorSum(Tensor prediction, Tensor target, Tensor mask)
    {
        RequireSameShape(prediction, target);
        RequireSameShape(prediction, mask);
        (CurrentJob.A, CurrentJob.B, CurrentJob.C) = (prediction, target, mask);
        ForRanges(prediction.Length, &MaskedSquaredErrorSumRange);
        return SumOfPartials();
    }

    private static void MaskedSquaredErrorSumRange(RangeJob job, int start, int end, int part)
    {
        ReadOnlySpan<float> p = job.A!.Span[start..end], t = job.B!.Span[start..end], m = job.C!.Span[start..end];
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            float difference = p[i] - t[i];
            sum += m[i] * difference * difference;
        }
        job.Partials[part] = sum;
    }

    public void MaskedSquaredErrorBackward(Tensor prediction, Tensor target, Tensor mask, float scale, Tensor dPrediction, bool accumulate)
    {
        RequireSameShape(prediction, target);
        RequireSameShape(prediction, mask);
        RequireSameLength(prediction, dPrediction);
        (CurrentJob.A, CurrentJob.B, CurrentJob.C, CurrentJob.D, CurrentJob.Scalar0, CurrentJob.Flag) = (prediction, target, mask, dPrediction, scale, accumulate);
        ForRanges(prediction.Length, &MaskedSquaredErrorBackwardRange);
    }

    private static void MaskedSquaredErrorBackwardRange(RangeJob job, int start, int end, int part)
    {
        ReadOnlySpan<float> p = job.A!.Span[start..end], t = job.B!.Span[start..end], m = job.C!.Span[start..end];
        Span<float> d = job.D!.Span[start..end];
        float twice = 2f * job.Scalar0;
        if (job.Flag)
            for (int i = 0; i < p.Length; i++) d[i] += twice * m[i] * (p[i] - t[i]);
        else
            for (int i = 0; i < p.Length; i++) d[i] = twice * m[i] * (p[i] - t[i]);
    }
}
