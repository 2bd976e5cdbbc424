namespace Autoencoders.Tensors.Autodiff;

// Batch normalisation over every axis but the channel axis 1.
public sealed partial class Graph
{
    /// <summary>y = γ (x − μ) / √(σ² + ε) + β per channel, as PyTorch's batch_norm. With <paramref name="training"/>,
    /// μ and σ² are the batch's (biased) statistics and the running ones move towards them by
    /// <paramref name="momentum"/> (running = (1 − m) running + m batch, the variance unbiased); without it, the
    /// running statistics are used. x is (N, C) or (N, C, H, W); γ, β and the running statistics are (C).</summary>
    public Tensor BatchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVariance,
        float momentum, float epsilon, bool training)
    {
        if (x.Shape.Rank < 2) throw new ArgumentException($"expected (N, C) or (N, C, H, W) input, received {x.Shape}");
        if (training && x.Length / x.Shape[1] < 2)
            throw new ArgumentException($"batch normalisation in training needs more than one value per channel, received {x.Shape}");
        Tensor y = NewTensor(x.Shape), normalized = NewTensor(x.Shape), inverseStd = NewTensor(new Shape(x.Shape[1]));
        Backend.BatchNorm(x, gamma, beta, runningMean, runningVariance, y, normalized, inverseStd, momentum, epsilon, training);
        if (Tracks(x, gamma, beta))
            Record(y, new TapeEntry { Op = OpCode.BatchNorm, A = x, B = gamma, C = beta, D = normalized, E = inverseStd, Integer = training ? 1 : 0 });
        return y;
    }

    private void BatchNormBackward(ref TapeEntry e)
    {
        Tensor? dx = GradientOf(e.A, out bool accumulateX);
        Tensor? dGamma = GradientOf(e.B!, out bool accumulateGamma);
        Tensor? dBeta = GradientOf(e.C!, out bool accumulateBeta);
        Backend.BatchNormBackward(e.D!, e.E!, e.B!, GradOfOutput(e), dx, accumulateX, dGamma, accumulateGamma, dBeta, accumulateBeta, e.Integer == 1);
    }
}
