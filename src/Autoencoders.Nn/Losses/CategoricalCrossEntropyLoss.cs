using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Nn.Losses;

/// <summary>
/// Softmax cross-entropy over the last axis (K classes) of a prediction (N, K) or (N, T, K), averaged over samples
/// (and steps), as Keras's categorical losses. Targets: one class id per row (sparse: (N), (N, 1) or (N, T)) or
/// rows of probabilities shaped like the prediction. When the prediction is a softmax of this step, the loss
/// works on its logits (stable log-sum-exp, gradient softmax − t), as Keras does; otherwise the prediction is
/// taken as probabilities and its logits as log(p + 1e−7), whose log-sum-exp renormalizes the rows as Keras does.
/// </summary>
internal sealed class CategoricalCrossEntropyLoss(bool sparse) : Loss
{
    private const float Epsilon = 1e-7f;

    public override string Name => sparse ? "sparse_categorical_crossentropy" : "categorical_crossentropy";

    public override Tensor Compute(Graph graph, Tensor prediction, Tensor target)
    {
        Validate(prediction, target);
        Tensor logits = prediction.SoftmaxInputOrNull() ?? graph.Log(graph.Affine(prediction, 1f, Epsilon));
        return sparse ? graph.SparseCategoricalCrossEntropy(logits, target) : graph.CategoricalCrossEntropy(logits, target);
    }

    public override double Accumulate(IComputeBackend backend, Tensor prediction, Tensor target)
    {
        Validate(prediction, target);
        int classes = prediction.Shape[prediction.Shape.Rank - 1];
        if (sparse) IntegerIds.RequireClasses(target, classes);
        return prediction.SoftmaxInputOrNull() is { } logits
            ? backend.SoftmaxCrossEntropySum(logits, target, sparse)
            : SumOnProbabilities(prediction.Span, target.Span, classes);
    }

    public override long TermsIn(Tensor prediction) => prediction.Length / prediction.Shape[prediction.Shape.Rank - 1];

    // Evaluation of a model that does not end in a softmax: the same formula as Compute's, row by row.
    private double SumOnProbabilities(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> targets, int classes)
    {
        double sum = 0;
        for (int row = 0; row < probabilities.Length / classes; row++)
        {
            var p = probabilities.Slice(row * classes, classes);
            double total = 0;
            foreach (float value in p) total += value + Epsilon;
            double logTotal = Math.Log(total);
            if (sparse)
                sum += logTotal - Math.Log(p[(int)targets[row]] + Epsilon);
            else
                for (int j = 0; j < classes; j++) sum += targets[row * classes + j] * (logTotal - Math.Log(p[j] + Epsilon));
        }
        return sum;
    }

    /// <summary>Catches the common mix-up (one-hot targets for the sparse loss, ids for the dense one) with a message
    /// that names the other loss; the graph op checks the exact shapes.</summary>
    private void Validate(Tensor prediction, Tensor target)
    {
        if (prediction.Shape.Rank < 2)
            throw new ArgumentException($"{Name} expected predictions (N, K) or (N, T, K) with the classes last, received {prediction.Shape}");
        int classes = prediction.Shape[prediction.Shape.Rank - 1];
        if (sparse && target.Length != prediction.Length / classes)
            throw new ArgumentException($"{Name} expected one class id per {(prediction.Shape.Rank == 2 ? "sample" : "step")} " +
                $"({prediction.Length / classes} for predictions {prediction.Shape}), received targets {target.Shape}" +
                (target.Length == prediction.Length ? "; for one-hot or probability targets use categorical_crossentropy" : ""));
        if (!sparse && target.Length != prediction.Length)
            throw new ArgumentException($"{Name} expected targets shaped like the predictions {prediction.Shape}, received {target.Shape}" +
                (target.Length * classes == prediction.Length ? "; for integer class ids use sparse_categorical_crossentropy" : ""));
    }
}
