namespace Autoencoders.Tensors.Autodiff;

// Losses over observed entries only: a rating matrix's unrated cells are unknown, not zero, so they must not pull the
// reconstruction towards 0 (Sedhain et al., AutoRec, WWW 2015, eq. 2: "we only consider the contribution of observed ratings").
public sealed partial class Graph
{
    /// <summary>Σ m (p − t)² / max(1, Σ m): the mean squared error over the entries whose mask m is 1, for a 0/1 mask of
    /// the prediction's shape. The count is data, so the gradient is 2 m (p − t) / max(1, Σ m); unobserved entries get 0.</summary>
    public Tensor MaskedMeanSquaredError(Tensor prediction, Tensor target, Tensor mask)
    {
        RequireSameShape(prediction, target);
        RequireSameShape(prediction, mask);
        float observed = MathF.Max(1f, System.Numerics.Tensors.TensorPrimitives.Sum(mask.Span));
        Tensor loss = NewTensor(Shape.Scalar);
        loss.Span[0] = (float)(Backend.MaskedSquaredErrorSum(prediction, target, mask) / observed);
        if (Tracks(prediction))
            Record(loss, new TapeEntry { Op = OpCode.MaskedSquaredError, A = prediction, B = target, C = mask, Scalar = 1f / observed });
        return loss;
    }

    // Targets are ratings, data: no gradient flows to them or to the mask.
    private void MaskedSquaredErrorBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is { } dp)
            Backend.MaskedSquaredErrorBackward(e.A, e.B!, e.C!, GradOfOutput(e).Span[0] * e.Scalar, dp, accumulate);
    }
}
