using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Autoencoders.Data;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Nn.DeepBelief;

/// <summary>
/// A restricted Boltzmann machine trained by contrastive divergence (CD-k, Hinton 2002), as in Hinton &amp;
/// Salakhutdinov 2006 and Hinton's "A practical guide to training RBMs" (2010): visible units v, hidden units h,
/// weights W (V, H), biases b (V) and c (H). Visible units are Bernoulli (values in [0, 1], read as probabilities)
/// or Gaussian with unit variance; hidden units are Bernoulli, or linear with unit-variance Gaussian noise for the
/// code layer. Shapes: B samples per batch.
/// </summary>
public sealed class RestrictedBoltzmannMachine
{
    private readonly Tensor weightVelocity, visibleVelocity, hiddenVelocity, weightGradient, visibleGradient, hiddenGradient;

    public RestrictedBoltzmannMachine(int visible, int hidden, bool gaussianVisible, bool linearHidden, DeterministicRandom random)
    {
        if (visible <= 0 || hidden <= 0)
            throw new ArgumentException($"expected positive numbers of visible and hidden units, received {visible} and {hidden}");
        (Visible, Hidden, GaussianVisible, LinearHidden) = (visible, hidden, gaussianVisible, linearHidden);
        Weights = new Tensor(new Shape(visible, hidden));
        random.FillGaussian(Weights.Span, 0f, 0.01f); // small random weights, zero biases: the practical guide's §8
        VisibleBias = new Tensor(new Shape(visible));
        HiddenBias = new Tensor(new Shape(hidden));
        VisibleBias.Span.Clear();
        HiddenBias.Span.Clear();
        weightVelocity = Zeros(Weights.Shape);
        visibleVelocity = Zeros(VisibleBias.Shape);
        hiddenVelocity = Zeros(HiddenBias.Shape);
        weightGradient = Zeros(Weights.Shape);
        visibleGradient = Zeros(VisibleBias.Shape);
        hiddenGradient = Zeros(HiddenBias.Shape);
    }

    public int Visible { get; }

    public int Hidden { get; }

    public bool GaussianVisible { get; }

    public bool LinearHidden { get; }

    /// <summary>W (V, H): the encoder's kernel when unrolled; its transpose is the decoder's.</summary>
    public Tensor Weights { get; }

    public Tensor VisibleBias { get; }

    public Tensor HiddenBias { get; }

    /// <summary>h = σ(v·W + c) (or v·W + c for linear hidden units): the up-pass, and the unrolled encoder layer.</summary>
    public void HiddenMeans(IComputeBackend backend, Tensor v, Tensor h)
    {
        backend.BroadcastRows(HiddenBias, h);
        backend.MatMul(v, false, Weights, false, h, 1f, 1f);
        if (!LinearHidden) TensorPrimitives.Sigmoid(h.Span, h.Span);
    }

    /// <summary>v = σ(h·Wᵀ + b) (or h·Wᵀ + b for Gaussian visibles): the down-pass, and the unrolled decoder layer.</summary>
    public void VisibleMeans(IComputeBackend backend, Tensor h, Tensor v)
    {
        backend.BroadcastRows(VisibleBias, v);
        backend.MatMul(h, false, Weights, true, v, 1f, 1f);
        if (!GaussianVisible) TensorPrimitives.Sigmoid(v.Span, v.Span);
    }

    /// <summary>One CD-k step on the batch <paramref name="v0"/> (B, V); returns the batch's summed squared reconstruction error.
    /// ΔW = μ ΔW + ε (⟨v hᵀ⟩_data − ⟨v hᵀ⟩_model − λ W), and likewise for the biases (without decay).</summary>
    public double Train(IComputeBackend backend, Tensor v0, RbmScratch scratch, RbmOptions options, float learningRate, float momentum, DeterministicRandom random)
    {
        int batch = v0.Rows;
        var (h0, hSample, vk, hk) = scratch.For(batch, Visible, Hidden);
        HiddenMeans(backend, v0, h0);
        h0.Span.CopyTo(hk.Span);
        for (int step = 0; step < options.ContrastiveDivergenceSteps; step++)
        {
            // Sample the hidden states (the practical guide's §3.1); the visible reconstruction stays a mean, which
            // lowers sampling noise without changing the expected update much (§3.2).
            SampleHidden(hk.Span, hSample.Span, random);
            VisibleMeans(backend, hSample, vk);
            HiddenMeans(backend, vk, hk);
        }
        float scale = 1f / batch;
        backend.MatMul(v0, true, h0, false, weightGradient, scale, 0f);
        backend.MatMul(vk, true, hk, false, weightGradient, -scale, 1f);
        ColumnMeanDifference(backend, v0, vk, visibleGradient, scratch);
        ColumnMeanDifference(backend, h0, hk, hiddenGradient, scratch);
        Step(Weights, weightGradient, weightVelocity, learningRate, momentum, options.WeightDecay);
        Step(VisibleBias, visibleGradient, visibleVelocity, learningRate, momentum, 0f);
        Step(HiddenBias, hiddenGradient, hiddenVelocity, learningRate, momentum, 0f);
        return SquaredDistance(v0.Span, vk.Span);
    }

    private void SampleHidden(ReadOnlySpan<float> means, Span<float> samples, DeterministicRandom random)
    {
        if (LinearHidden)
            for (int i = 0; i < means.Length; i++) samples[i] = means[i] + random.NextGaussian();
        else
            for (int i = 0; i < means.Length; i++) samples[i] = random.NextFloat() < means[i] ? 1f : 0f;
    }

    // destination = mean over rows of (a − b).
    private static void ColumnMeanDifference(IComputeBackend backend, Tensor a, Tensor b, Tensor destination, RbmScratch scratch)
    {
        backend.SumRows(a, destination, accumulate: false);
        Tensor other = scratch.Row(destination.Length);
        backend.SumRows(b, other, accumulate: false);
        TensorPrimitives.Subtract(destination.Span, other.Span, destination.Span);
        TensorPrimitives.Multiply(destination.Span, 1f / a.Rows, destination.Span);
    }

    private static void Step(Tensor values, Tensor gradient, Tensor velocity, float learningRate, float momentum, float decay)
    {
        Span<float> v = velocity.Span, g = gradient.Span, p = values.Span;
        if (decay != 0f) TensorPrimitives.MultiplyAdd(p, -decay, g, g); // g −= λ p
        TensorPrimitives.Multiply(v, momentum, v);
        TensorPrimitives.MultiplyAdd(g, learningRate, v, v);             // v = μ v + ε g
        TensorPrimitives.Add(p, v, p);
    }

    private static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    private static Tensor Zeros(Shape shape)
    {
        var tensor = new Tensor(shape);
        tensor.Span.Clear();
        return tensor;
    }
}
