using Autoencoders.Tensors;

namespace Autoencoders.Nn.Metrics;

/// <summary>The fraction of values whose prediction falls on the target's side of 0.5 (Keras's binary_accuracy):
/// for a sigmoid output, how often the predicted class is right.</summary>
public sealed class BinaryAccuracy(string name = "binary_accuracy", float threshold = 0.5f) : Metric
{
    public override string Name => name;

    public override void Accumulate(Tensor prediction, Tensor target, ref long hits, ref long cases)
    {
        RequireSameLength(prediction, target, Name);
        ReadOnlySpan<float> p = prediction.Span, t = target.Span;
        long right = 0;
        for (int i = 0; i < p.Length; i++)
            if (p[i] > threshold == t[i] > threshold) right++;
        hits += right;
        cases += p.Length;
    }
}
