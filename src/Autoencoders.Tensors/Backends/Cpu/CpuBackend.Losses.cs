namespace Autoencoders.Tensors.Backends.Cpu;

// Loss values and gradients, each split over the cores in ranges; sums add their parts in a fixed order.
public sealed unsafe partial class CpuBackend
{
    public double SquaredErrorSum(Tensor prediction, Tensor target)
    {
        RequireSameShape(prediction, target);
        (CurrentJob.A, CurrentJob.B) = (prediction, target);
        ForRanges(prediction.Length, &SquaredErrorSumRange);
        return SumOfPartials();
    }

    private static void SquaredErrorSumRange(RangeJob job, int start, int end, int part) =>
        job.Partials[part] = Elementwise.Sum(new SquaredError(), job.A!.Span[start..end], job.B!.Span[start..end]);

    public void SquaredErrorBackward(Tensor prediction, Tensor target, float scale, Tensor dPrediction, bool accumulate)
    {
        RequireSameShape(prediction, target);
        RequireSameLength(prediction, dPrediction);
        (CurrentJob.A, CurrentJob.B, CurrentJob.D, CurrentJob.Scalar0, CurrentJob.Flag) = (prediction, target, dPrediction, scale, accumulate);
        ForRanges(prediction.Length, &SquaredErrorBackwardRange);
    }

    private static void SquaredErrorBackwardRange(RangeJob job, int start, int end, int part) =>
        Elementwise.Map(new SquaredErrorGradient(job.Scalar0), job.A!.Span[start..end], job.B!.Span[start..end], job.D!.Span[start..end], job.Flag);

    public double BinaryCrossEntropySum(Tensor probability, Tensor target)
    {
        RequireSameShape(probability, target);
        (CurrentJob.A, CurrentJob.B) = (probability, target);
        ForRanges(probability.Length, &BinaryCrossEntropySumRange);
        return SumOfPartials();
    }

    private static void BinaryCrossEntropySumRange(RangeJob job, int start, int end, int part) =>
        job.Partials[part] = Elementwise.Sum(new BinaryCrossEntropy(), job.A!.Span[start..end], job.B!.Span[start..end]);

    public void BinaryCrossEntropyBackward(Tensor probability, Tensor target, float scale, Tensor dProbability, bool accumulate)
    {
        RequireSameShape(probability, target);
        RequireSameLength(probability, dProbability);
        (CurrentJob.A, CurrentJob.B, CurrentJob.D, CurrentJob.Scalar0, CurrentJob.Flag) = (probability, target, dProbability, scale, accumulate);
        ForRanges(probability.Length, &BinaryCrossEntropyBackwardRange);
    }

    private static void BinaryCrossEntropyBackwardRange(RangeJob job, int start, int end, int part) =>
        Elementwise.Map(new BinaryCrossEntropyGradient(job.Scalar0), job.A!.Span[start..end], job.B!.Span[start..end], job.D!.Span[start..end], job.Flag);

    public double BinaryCrossEntropyWithLogitsSum(Tensor logits, Tensor? sigmoidOfLogits, Tensor target)
    {
        RequireSameShape(logits, target);
        if (sigmoidOfLogits is not null) RequireSameLength(logits, sigmoidOfLogits);
        (CurrentJob.A, CurrentJob.B, CurrentJob.C) = (logits, target, sigmoidOfLogits);
        ForRanges(logits.Length, &BinaryCrossEntropyWithLogitsSumRange);
        return SumOfPartials();
    }

    private static void BinaryCrossEntropyWithLogitsSumRange(RangeJob job, int start, int end, int part) =>
        job.Partials[part] = job.C is null
            ? Elementwise.Sum(new BinaryCrossEntropyWithLogits(), job.A!.Span[start..end], job.B!.Span[start..end])
            : Elementwise.Sum(new BinaryCrossEntropyWithSigmoid(), job.A!.Span[start..end], job.C.Span[start..end], job.B!.Span[start..end]);

    public void BinaryCrossEntropyWithLogitsBackward(Tensor logits, Tensor? sigmoidOfLogits, Tensor target, float scale, Tensor dLogits, bool accumulate)
    {
        RequireSameShape(logits, target);
        RequireSameLength(logits, dLogits);
        (CurrentJob.A, CurrentJob.B, CurrentJob.C, CurrentJob.D, CurrentJob.Scalar0, CurrentJob.Flag) = (logits, target, sigmoidOfLogits, dLogits, scale, accumulate);
        ForRanges(logits.Length, &BinaryCrossEntropyWithLogitsBackwardRange);
    }

    private static void BinaryCrossEntropyWithLogitsBackwardRange(RangeJob job, int start, int end, int part)
    {
        var target = job.B!.Span[start..end];
        var gradient = job.D!.Span[start..end];
        if (job.C is not null)
            Elementwise.Map(new ScaledDifference(job.Scalar0), job.C.Span[start..end], target, gradient, job.Flag);
        else
            Elementwise.Map(new BinaryCrossEntropyWithLogitsGradient(job.Scalar0), job.A!.Span[start..end], target, gradient, job.Flag);
    }
}
