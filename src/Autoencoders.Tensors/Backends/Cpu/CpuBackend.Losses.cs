namespace Autoencoders.Tensors.Backends.Cpu;

public sealed partial class CpuBackend
{
    public double SquaredErrorSum(Tensor prediction, Tensor target) =>
        Elementwise.Sum(new SquaredError(), prediction.Span, target.Span);

    public void SquaredErrorBackward(Tensor prediction, Tensor target, float scale, Tensor dPrediction, bool accumulate) =>
        Elementwise.Map(new SquaredErrorGradient(scale), prediction.Span, target.Span, dPrediction.Span, accumulate);

    public double BinaryCrossEntropySum(Tensor probability, Tensor target) =>
        Elementwise.Sum(new BinaryCrossEntropy(), probability.Span, target.Span);

    public void BinaryCrossEntropyBackward(Tensor probability, Tensor target, float scale, Tensor dProbability, bool accumulate) =>
        Elementwise.Map(new BinaryCrossEntropyGradient(scale), probability.Span, target.Span, dProbability.Span, accumulate);

    public double BinaryCrossEntropyWithLogitsSum(Tensor logits, Tensor target) =>
        Elementwise.Sum(new BinaryCrossEntropyWithLogits(), logits.Span, target.Span);

    public void BinaryCrossEntropyWithLogitsBackward(Tensor logits, Tensor? sigmoidOfLogits, Tensor target, float scale, Tensor dLogits, bool accumulate)
    {
        if (sigmoidOfLogits is not null)
            Elementwise.Map(new ScaledDifference(scale), sigmoidOfLogits.Span, target.Span, dLogits.Span, accumulate);
        else
            Elementwise.Map(new BinaryCrossEntropyWithLogitsGradient(scale), logits.Span, target.Span, dLogits.Span, accumulate);
    }
}
