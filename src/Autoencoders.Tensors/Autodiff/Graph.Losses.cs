namespace Autoencoders.Tensors.Autodiff;

// Losses, each a fused primitive (value and gradient in one pass each) averaged over every element,
// as PyTorch's reduction='mean' and Keras's losses do for a batch of equally sized samples.
public sealed partial class Graph
{
    /// <summary>mean((p − t)²).</summary>
    public Tensor MeanSquaredError(Tensor prediction, Tensor target)
    {
        RequireSameShape(prediction, target);
        Tensor loss = NewTensor(Shape.Scalar);
        loss.Span[0] = (float)(Backend.SquaredErrorSum(prediction, target) / prediction.Length);
        if (Tracks(prediction, target))
            Record(loss, new TapeEntry { Op = OpCode.SquaredError, A = prediction, B = target });
        return loss;
    }

    private void SquaredErrorBackward(ref TapeEntry e)
    {
        float scale = GradOfOutput(e).Span[0] / e.A.Length;
        if (GradientOf(e.A, out bool accumulate) is { } dp)
            Backend.SquaredErrorBackward(e.A, e.B!, scale, dp, accumulate);
        // (p − t)² is symmetric, so the target's gradient is the same kernel with the roles swapped: 2(t − p).
        if (GradientOf(e.B!, out bool accumulateTarget) is { } dt)
            Backend.SquaredErrorBackward(e.B!, e.A, scale, dt, accumulateTarget);
    }

    /// <summary>√mean((p − t)²), composed from the primitives.</summary>
    public Tensor RootMeanSquaredError(Tensor prediction, Tensor target) => Sqrt(MeanSquaredError(prediction, target));

    /// <summary>mean of −[t log p + (1 − t) log(1 − p)]. When p is the output of <see cref="Sigmoid"/> in this
    /// step, the loss is computed from its logits instead, which is exact where log p would underflow.</summary>
    public Tensor BinaryCrossEntropy(Tensor probability, Tensor target)
    {
        if (probability.SigmoidInput is { } logits)
            return BinaryCrossEntropyWithLogits(logits, target, probability);
        RequireSameShape(probability, target);
        Tensor loss = NewTensor(Shape.Scalar);
        loss.Span[0] = (float)(Backend.BinaryCrossEntropySum(probability, target) / probability.Length);
        if (Tracks(probability))
            Record(loss, new TapeEntry { Op = OpCode.BinaryCrossEntropy, A = probability, B = target });
        return loss;
    }

    private void BinaryCrossEntropyBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is { } dp)
            Backend.BinaryCrossEntropyBackward(e.A, e.B!, GradOfOutput(e).Span[0] / e.A.Length, dp, accumulate);
    }

    /// <summary>Binary cross-entropy on logits z: mean of max(z, 0) − z t + log(1 + e^(−|z|)).</summary>
    public Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor target) => BinaryCrossEntropyWithLogits(logits, target, null);

    private Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor target, Tensor? sigmoidOfLogits)
    {
        RequireSameShape(logits, target);
        Tensor loss = NewTensor(Shape.Scalar);
        loss.Span[0] = (float)(Backend.BinaryCrossEntropyWithLogitsSum(logits, sigmoidOfLogits, target) / logits.Length);
        if (Tracks(logits))
            Record(loss, new TapeEntry { Op = OpCode.BinaryCrossEntropyWithLogits, A = logits, B = target, C = sigmoidOfLogits });
        return loss;
    }

    private void BinaryCrossEntropyWithLogitsBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is { } dz)
            Backend.BinaryCrossEntropyWithLogitsBackward(e.A, e.C, e.B!, GradOfOutput(e).Span[0] / e.A.Length, dz, accumulate);
    }

    // Shapes, not element counts: a transposed target, (3, 2) against (2, 3), has the right count and the wrong pairs.
    private static void RequireSameShape(Tensor prediction, Tensor target)
    {
        if (prediction.Shape != target.Shape)
            throw new ArgumentException($"expected a target of shape {prediction.Shape}, received {target.Shape}");
    }
}
