using Autoencoders.Tensors;

namespace Autoencoders.Nn.Metrics;

/// <summary>The fraction of rows whose largest prediction is where the target row's largest value is (Keras's
/// categorical_accuracy, for one-hot targets); rows along the last axis.</summary>
public sealed class CategoricalAccuracy(string name = "categorical_accuracy") : Metric
{
    public override string Name => name;

    public override void Accumulate(Tensor prediction, Tensor target, ref long hits, ref long cases)
    {
        RequireSameLength(prediction, target, Name);
        int classes = prediction.Shape[prediction.Shape.Rank - 1], rows = prediction.Length / classes;
        ReadOnlySpan<float> p = prediction.Span, t = target.Span;
        long right = 0;
        for (int i = 0; i < rows; i++)
            if (ArgMax(p.Slice(i * classes, classes)) == ArgMax(t.Slice(i * classes, classes))) right++;
        hits += right;
        cases += rows;
    }
}
