using Autoencoders.Tensors;

namespace Autoencoders.Nn.Metrics;

/// <summary>The fraction of cases whose largest prediction is at the target class id (Keras's sparse_categorical_accuracy):
/// predictions (N, K) or (N, T, K) against ids (N) or (N, T).</summary>
public sealed class SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") : Metric
{
    public override string Name => name;

    public override void Accumulate(Tensor prediction, Tensor target, ref long hits, ref long cases)
    {
        int classes = prediction.Shape[prediction.Shape.Rank - 1];
        if (prediction.Length != (long)target.Length * classes)
            throw new ArgumentException($"{Name} expected one class id per row of {classes} predictions {prediction.Shape}, received targets {target.Shape}");
        ReadOnlySpan<float> p = prediction.Span, ids = target.Span;
        long right = 0;
        for (int i = 0; i < ids.Length; i++)
            if (ArgMax(p.Slice(i * classes, classes)) == ids[i]) right++;
        hits += right;
        cases += ids.Length;
    }
}
