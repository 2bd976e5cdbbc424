namespace Autoencoders.Tensors.Autodiff;

// Softmax cross-entropy from logits, fused: the loss by a stable log-sum-exp, the gradient (softmax − t) / rows in one
// pass, as F.cross_entropy. Averaged over rows: samples of (N, K), samples and steps of (N, T, K).
public sealed partial class Graph
{
    /// <summary>mean over rows of log Σₖ e^zₖ − z[t], for logits (N, K) or (N, T, K) and integer class ids t (N) or
    /// (N, T) as float32 (a trailing axis of 1 is accepted too, as Keras does).</summary>
    public Tensor SparseCategoricalCrossEntropy(Tensor logits, Tensor classIds)
    {
        int classes = RequireClassIds(logits, classIds);
        Tensor loss = NewTensor(Shape.Scalar);
        loss.Span[0] = (float)(Backend.SoftmaxCrossEntropySum(logits, classIds, sparse: true) / (logits.Length / classes));
        if (Tracks(logits))
            Record(loss, new TapeEntry { Op = OpCode.SparseCategoricalCrossEntropy, A = logits, B = classIds });
        return loss;
    }

    private void SparseCategoricalCrossEntropyBackward(ref TapeEntry e)
    {
        int rows = e.A.Length / e.A.Shape[e.A.Shape.Rank - 1];
        if (GradientOf(e.A, out bool accumulate) is { } dz)
            Backend.SoftmaxCrossEntropyBackward(e.A, e.B!, sparse: true, GradOfOutput(e).Span[0] / rows, dz, accumulate);
    }

    /// <summary>mean over rows of −Σₖ tₖ log softmax(z)ₖ, for logits and probability targets of one shape (N, K) or (N, T, K).</summary>
    public Tensor CategoricalCrossEntropy(Tensor logits, Tensor probabilities)
    {
        RequireSameShape(logits, probabilities);
        int classes = RequireClasses(logits);
        Tensor loss = NewTensor(Shape.Scalar);
        loss.Span[0] = (float)(Backend.SoftmaxCrossEntropySum(logits, probabilities, sparse: false) / (logits.Length / classes));
        if (Tracks(logits))
            Record(loss, new TapeEntry { Op = OpCode.CategoricalCrossEntropy, A = logits, B = probabilities });
        return loss;
    }

    // The targets' gradient, −log softmax(z), is not computed: targets are data here, as in Keras.
    private void CategoricalCrossEntropyBackward(ref TapeEntry e)
    {
        int rows = e.A.Length / e.A.Shape[e.A.Shape.Rank - 1];
        if (GradientOf(e.A, out bool accumulate) is { } dz)
            Backend.SoftmaxCrossEntropyBackward(e.A, e.B!, sparse: false, GradOfOutput(e).Span[0] / rows, dz, accumulate);
    }

    private static int RequireClasses(Tensor logits)
    {
        if (logits.Shape.Rank < 2 || logits.Shape[logits.Shape.Rank - 1] == 0)
            throw new ArgumentException($"expected logits (N, K) or (N, T, K) with at least one class, received {logits.Shape}");
        return logits.Shape[logits.Shape.Rank - 1];
    }

    /// <summary>Checks that the ids have the logits' shape without the class axis (or with it as 1) and are class ids.</summary>
    private static int RequireClassIds(Tensor logits, Tensor classIds)
    {
        int classes = RequireClasses(logits);
        Shape expected = WithoutLastAxis(logits.Shape);
        Shape ids = classIds.Shape;
        if (ids != expected && !(ids.Rank == logits.Shape.Rank && ids[ids.Rank - 1] == 1 && WithoutLastAxis(ids) == expected))
            throw new ArgumentException($"expected class ids of shape {expected} (or {WithDimension(logits.Shape, logits.Shape.Rank - 1, 1)}) for logits {logits.Shape}, received {ids}");
        IntegerIds.RequireClasses(classIds, classes);
        return classes;
    }

    private static Shape WithoutLastAxis(Shape shape)
    {
        Span<int> dims = stackalloc int[shape.Rank];
        shape.CopyTo(dims);
        return new Shape(dims[..^1]);
    }
}
