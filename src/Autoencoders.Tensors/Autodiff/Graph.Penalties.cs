namespace Autoencoders.Tensors.Autodiff;

// The regularising terms of the autoencoder family, composed from primitives (so their gradients come from the
// primitives' rules and are checked like any op). Each returns a scalar averaged over the batch B.
public sealed partial class Graph
{
    /// <summary>A tensor of ones of this step (for row sums and means as matrix products).</summary>
    public Tensor Ones(Shape shape)
    {
        Tensor ones = NewTensor(shape);
        Backend.Fill(ones, 1f);
        return ones;
    }

    /// <summary>Σ_j KL(ρ ‖ ρ̂_j) = Σ_j ρ log(ρ/ρ̂_j) + (1 − ρ) log((1 − ρ)/(1 − ρ̂_j)), where ρ̂_j is unit j's mean
    /// activation over the batch: the sparsity penalty of Ng's sparse autoencoder (CS294A notes, 2011).
    /// <paramref name="activations"/> (B, J) must lie in (0, 1), e.g. a sigmoid's output.</summary>
    public Tensor BernoulliKlDivergence(Tensor activations, float target)
    {
        if (!(target > 0f && target < 1f))
            throw new ArgumentException($"expected a target activation in (0, 1), received {target}");
        int batch = activations.Rows;
        Tensor meanActivation = Scale(MatMul(Ones(new Shape(1, batch)), activations), 1f / batch); // (1, J)
        float constant = target * MathF.Log(target) + (1 - target) * MathF.Log(1 - target);
        Tensor crossEntropy = Add(Scale(Log(meanActivation), -target), Scale(Log(Affine(meanActivation, -1f, 1f)), target - 1));
        return Affine(Sum(crossEntropy), 1f, constant * meanActivation.Length);
    }

    /// <summary>KL(N(μ, σ²) ‖ N(0, 1)) summed over the latent units and averaged over the batch:
    /// −½ Σ (1 + log σ² − μ² − σ²) / B (Kingma &amp; Welling 2014, appendix B).</summary>
    public Tensor GaussianKlDivergence(Tensor mean, Tensor logVariance)
    {
        if (mean.Shape != logVariance.Shape)
            throw new ArgumentException($"expected a mean and a log-variance of the same shape, received {mean.Shape} and {logVariance.Shape}");
        Tensor terms = Subtract(Subtract(logVariance, Square(mean)), Exp(logVariance)); // log σ² − μ² − σ²
        return Affine(Sum(terms), -0.5f / mean.Rows, -0.5f * mean.Columns);
    }

    /// <summary>‖∂h/∂x‖²_F averaged over the batch, for h = f(x·W + b) with W (I, J): Σ_j f'_j² Σ_i W_ij², where
    /// <paramref name="activationDerivative"/> (B, J) holds f' at each unit (Rifai et al. 2011, eq. 4).</summary>
    public Tensor ContractivePenalty(Tensor activationDerivative, Tensor kernel)
    {
        if (activationDerivative.Columns != kernel.Columns)
            throw new ArgumentException($"expected {kernel.Columns} units for kernel {kernel.Shape}, received {activationDerivative.Shape}");
        Tensor columnNorms = MatMul(Ones(new Shape(1, kernel.Rows)), Square(kernel)); // (1, J)
        Tensor perSample = MatMul(Square(activationDerivative), columnNorms, transposeB: true); // (B, 1)
        return Scale(Sum(perSample), 1f / activationDerivative.Rows);
    }
}
