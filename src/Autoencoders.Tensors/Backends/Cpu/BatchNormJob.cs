namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// Batch normalisation (Ioffe &amp; Szegedy 2015, https://arxiv.org/abs/1502.03167) split over channels. The
/// channel axis is 1: (N, C, H, W) normalises each channel over its N·H·W values, (N, F) each feature over N.
/// Channel c's values are N runs of S = H·W contiguous floats, one per sample, C·S apart.
/// </summary>
internal sealed class BatchNormJob : IParallelJob
{
    private Tensor? x, gamma, beta, runningMean, runningVariance, y, normalized, inverseStd, dy, dx, dGamma, dBeta;
    private float momentum, epsilon;
    private bool training, backward, accumulateX, accumulateGamma, accumulateBeta;
    private int samples, channels, spatial;

    public void SetForward(Tensor input, Tensor scale, Tensor shift, Tensor mean, Tensor variance, Tensor output,
        Tensor xHat, Tensor invStd, float momentumValue, float epsilonValue, bool isTraining)
    {
        (x, gamma, beta, runningMean, runningVariance, y, normalized, inverseStd) = (input, scale, shift, mean, variance, output, xHat, invStd);
        (momentum, epsilon, training, backward) = (momentumValue, epsilonValue, isTraining, false);
        SetSizes(input);
    }

    public void SetBackward(Tensor xHat, Tensor invStd, Tensor scale, Tensor upstream, Tensor? inputGradient, bool accumulateInput,
        Tensor? scaleGradient, bool accumulateScale, Tensor? shiftGradient, bool accumulateShift, bool wasTraining)
    {
        (normalized, inverseStd, gamma, dy, dx, dGamma, dBeta) = (xHat, invStd, scale, upstream, inputGradient, scaleGradient, shiftGradient);
        (accumulateX, accumulateGamma, accumulateBeta, training, backward) = (accumulateInput, accumulateScale, accumulateShift, wasTraining, true);
        SetSizes(xHat);
    }

    public int Channels => channels;

    public long ValuesPerChannel => (long)samples * spatial;

    public void Clear() => x = gamma = beta = runningMean = runningVariance = y = normalized = inverseStd = dy = dx = dGamma = dBeta = null;

    private void SetSizes(Tensor t)
    {
        samples = t.Shape[0];
        channels = t.Shape[1];
        spatial = t.Length / Math.Max(1, samples * channels);
    }

    public void Execute(int part, int parts)
    {
        var (start, end) = ParallelRunner.Range(channels, part, parts, alignment: 1);
        for (int c = start; c < end; c++)
        {
            if (backward) Backward(c);
            else Forward(c);
        }
    }

    // Training: x̂ = (x − μ_B) / √(σ²_B + ε) with the batch's mean and biased variance, and the running statistics
    // move towards them (the variance unbiased, as PyTorch keeps it). Inference: the running statistics instead.
    private void Forward(int c)
    {
        float mean, variance;
        long count = ValuesPerChannel;
        if (training)
        {
            double sum = 0;
            for (int n = 0; n < samples; n++) sum += System.Numerics.Tensors.TensorPrimitives.Sum(Run(x!, n, c));
            mean = (float)(sum / count);
            double squares = 0;
            for (int n = 0; n < samples; n++)
                foreach (float value in Run(x!, n, c)) squares += (value - mean) * (value - mean);
            variance = (float)(squares / count);
            Span<float> runMean = runningMean!.Span, runVariance = runningVariance!.Span;
            runMean[c] = (1 - momentum) * runMean[c] + momentum * mean;
            float unbiased = count > 1 ? (float)(squares / (count - 1)) : variance;
            runVariance[c] = (1 - momentum) * runVariance[c] + momentum * unbiased;
        }
        else
        {
            mean = runningMean!.Span[c];
            variance = runningVariance!.Span[c];
        }
        float invStd = 1f / MathF.Sqrt(variance + epsilon);
        inverseStd!.Span[c] = invStd;
        float scale = gamma!.Span[c], shift = beta!.Span[c];
        for (int n = 0; n < samples; n++)
        {
            ReadOnlySpan<float> input = Run(x!, n, c);
            Span<float> xHat = Run(normalized!, n, c), output = Run(y!, n, c);
            for (int i = 0; i < input.Length; i++)
            {
                float h = (input[i] - mean) * invStd;
                xHat[i] = h;
                output[i] = scale * h + shift;
            }
        }
    }

    // dγ = Σ dy·x̂, dβ = Σ dy; training: dx = γ/σ · (dy − mean(dy) − x̂ · mean(dy·x̂)), as the batch statistics
    // depend on x; inference: dx = γ/σ · dy.
    private void Backward(int c)
    {
        double sumDy = 0, sumDyXHat = 0;
        for (int n = 0; n < samples; n++)
        {
            ReadOnlySpan<float> upstream = Run(dy!, n, c), xHat = Run(normalized!, n, c);
            sumDy += System.Numerics.Tensors.TensorPrimitives.Sum(upstream);
            sumDyXHat += System.Numerics.Tensors.TensorPrimitives.Dot(upstream, xHat);
        }
        if (dGamma is not null) dGamma.Span[c] = accumulateGamma ? dGamma.Span[c] + (float)sumDyXHat : (float)sumDyXHat;
        if (dBeta is not null) dBeta.Span[c] = accumulateBeta ? dBeta.Span[c] + (float)sumDy : (float)sumDy;
        if (dx is null) return;
        long count = ValuesPerChannel;
        float scale = gamma!.Span[c] * inverseStd!.Span[c];
        float meanDy = training ? (float)(sumDy / count) : 0f, meanDyXHat = training ? (float)(sumDyXHat / count) : 0f;
        for (int n = 0; n < samples; n++)
        {
            ReadOnlySpan<float> upstream = Run(dy!, n, c), xHat = Run(normalized!, n, c);
            Span<float> gradient = Run(dx, n, c);
            for (int i = 0; i < upstream.Length; i++)
            {
                float value = scale * (upstream[i] - meanDy - xHat[i] * meanDyXHat);
                gradient[i] = accumulateX ? gradient[i] + value : value;
            }
        }
    }

    /// <summary>Sample n's values of channel c.</summary>
    private Span<float> Run(Tensor t, int n, int c) => t.Buffer.AsSpan(t.Offset + (n * channels + c) * spatial, spatial);
}
