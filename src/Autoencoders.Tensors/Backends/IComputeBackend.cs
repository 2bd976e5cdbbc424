namespace Autoencoders.Tensors.Backends;

/// <summary>
/// Every numeric kernel the engine runs, behind one narrow interface (as llm.c keeps its kernels apart
/// from the model): layers and models call <see cref="Autodiff.Graph"/> ops, ops call these, so a GPU
/// backend slots in here without touching either. Matrices are tensors seen as rows × columns
/// (<see cref="Tensor.Rows"/>, <see cref="Tensor.Columns"/>), row-major.
/// Kernels whose name ends in Backward take <c>accumulate</c>: false overwrites the gradient, true adds to it.
/// </summary>
public interface IComputeBackend
{
    /// <summary>A short description for logs and benchmarks, e.g. "cpu/openblas SKYLAKEX (2 threads)".</summary>
    string Name { get; }

    int Threads { get; }

    /// <summary>C = alpha · op(A) · op(B) + beta · C, where op transposes when asked.</summary>
    void MatMul(Tensor a, bool transposeA, Tensor b, bool transposeB, Tensor c, float alpha, float beta);

    /// <summary>Every row of <paramref name="output"/> = <paramref name="row"/>.</summary>
    void BroadcastRows(Tensor row, Tensor output);

    /// <summary>destination[j] (+)= Σᵢ matrix[i, j]: the bias gradient.</summary>
    void SumRows(Tensor matrix, Tensor destination, bool accumulate);

    /// <summary>y = f(x) elementwise; <paramref name="parameter"/> is the slope of LeakyReLU.</summary>
    void Unary(UnaryOp op, Tensor x, Tensor y, float parameter);

    /// <summary>dx (+)= f'(x) · dy, given x and y = f(x).</summary>
    void UnaryBackward(UnaryOp op, Tensor x, Tensor y, Tensor dy, Tensor dx, float parameter, bool accumulate);

    /// <summary>c = a ∘ b with NumPy broadcasting of a and b to c's shape.</summary>
    void Binary(BinaryOp op, Tensor a, Tensor b, Tensor c);

    /// <summary>Gradients of <see cref="Binary"/>, each reduced back to its operand's shape; null skips an operand.</summary>
    void BinaryBackward(BinaryOp op, Tensor a, Tensor b, Tensor dc, Tensor? da, bool accumulateA, Tensor? db, bool accumulateB);

    /// <summary>y = scale · x + shift, elementwise.</summary>
    void Affine(Tensor x, float scale, float shift, Tensor y);

    /// <summary>dx (+)= scale · dy.</summary>
    void ScaleBackward(Tensor dy, float scale, Tensor dx, bool accumulate);

    /// <summary>Σ x, in double precision so that means over millions of elements stay exact enough.</summary>
    double Sum(Tensor x);

    /// <summary>dx (+)= dyScalar, broadcast to every element: the gradient of a sum.</summary>
    void FillBackward(float value, Tensor dx, bool accumulate);

    /// <summary>Softmax over the last dimension (each row).</summary>
    void Softmax(Tensor x, Tensor y);

    void SoftmaxBackward(Tensor y, Tensor dy, Tensor dx, bool accumulate);

    /// <summary>Σ (p − t)².</summary>
    double SquaredErrorSum(Tensor prediction, Tensor target);

    /// <summary>dp (+)= scale · 2 (p − t).</summary>
    void SquaredErrorBackward(Tensor prediction, Tensor target, float scale, Tensor dPrediction, bool accumulate);

    /// <summary>Σ −[t log p + (1 − t) log(1 − p)], each log clamped at −100 as PyTorch does.</summary>
    double BinaryCrossEntropySum(Tensor probability, Tensor target);

    /// <summary>dp (+)= scale · (p − t) / max(p (1 − p), 1e−12).</summary>
    void BinaryCrossEntropyBackward(Tensor probability, Tensor target, float scale, Tensor dProbability, bool accumulate);

    /// <summary>Σ max(z, 0) − z t + log(1 + e^(−|z|)): the stable form on logits. With σ(z) already computed
    /// (<paramref name="sigmoidOfLogits"/>), log(1 + e^(−|z|)) = −log max(σ(z), 1 − σ(z)), one log and no exp.</summary>
    double BinaryCrossEntropyWithLogitsSum(Tensor logits, Tensor? sigmoidOfLogits, Tensor target);

    /// <summary>dz (+)= scale · (σ(z) − t), with σ(z) passed in when already computed (the model's output).</summary>
    void BinaryCrossEntropyWithLogitsBackward(Tensor logits, Tensor? sigmoidOfLogits, Tensor target, float scale, Tensor dLogits, bool accumulate);

    /// <summary>y (N, O, OH, OW) = kernel (O, C, k, k) ⋆ x (N, C, H, W) + bias (O): cross-correlation, as PyTorch's conv2d.</summary>
    void Conv2D(Tensor x, Tensor kernel, Tensor? bias, Tensor y, in ConvolutionGeometry geometry);

    /// <summary>Gradients of <see cref="Conv2D"/>; a null gradient tensor skips that operand.</summary>
    void Conv2DBackward(Tensor x, Tensor kernel, Tensor dy, Tensor? dx, bool accumulateX, Tensor? dKernel, bool accumulateKernel,
        Tensor? dBias, bool accumulateBias, in ConvolutionGeometry geometry);

    /// <summary>y (N, O, H, W) = the transposed convolution of x (N, C, OH, OW) with kernel (C, O, k, k) + bias (O), as
    /// PyTorch's conv_transpose2d: the geometry's image is the output.</summary>
    void Conv2DTranspose(Tensor x, Tensor kernel, Tensor? bias, Tensor y, in ConvolutionGeometry geometry);

    void Conv2DTransposeBackward(Tensor x, Tensor kernel, Tensor dy, Tensor? dx, bool accumulateX, Tensor? dKernel, bool accumulateKernel,
        Tensor? dBias, bool accumulateBias, in ConvolutionGeometry geometry);

    /// <summary>y (N, C, OH, OW) = the maximum of each pool × pool window of x (N, C, H, W), windows <paramref name="stride"/> apart.</summary>
    void MaxPool2D(Tensor x, Tensor y, int pool, int stride);

    /// <summary>dx (+)= dy routed to each window's first maximum.</summary>
    void MaxPool2DBackward(Tensor x, Tensor dy, Tensor dx, int pool, int stride, bool accumulate);

    /// <summary>y (N, C, H·f, W·f) = x repeated f × f (nearest neighbour).</summary>
    void UpSample2D(Tensor x, Tensor y, int factor);

    void UpSample2DBackward(Tensor dy, Tensor dx, int factor, bool accumulate);

    /// <summary>y = γ · x̂ + β with x̂ = (x − μ) / √(σ² + ε) per channel (axis 1). Training: μ, σ² of the batch, and the
    /// running statistics move by <paramref name="momentum"/> towards them (PyTorch's form); inference: the running
    /// statistics. x̂ and 1/√(σ² + ε) are written for the backward pass.</summary>
    void BatchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVariance, Tensor y,
        Tensor normalized, Tensor inverseStd, float momentum, float epsilon, bool training);

    void BatchNormBackward(Tensor normalized, Tensor inverseStd, Tensor gamma, Tensor dy, Tensor? dx, bool accumulateX,
        Tensor? dGamma, bool accumulateGamma, Tensor? dBeta, bool accumulateBeta, bool training);

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/> (same element count).</summary>
    void Copy(Tensor source, Tensor destination);

    void Fill(Tensor destination, float value);

    /// <summary>One Adam step over whole buffers (Kingma &amp; Ba 2015, PyTorch's form of epsilon):
    /// m = β₁m + (1−β₁)g; v = β₂v + (1−β₂)g²; p −= lr · m̂ / (√v̂ + ε), with bias corrections for <paramref name="step"/>.</summary>
    void AdamStep(Tensor parameters, Tensor gradients, Tensor firstMoment, Tensor secondMoment, float learningRate, float beta1, float beta2, float epsilon, float weightDecay, int step);

    /// <summary>SGD with (optionally Nesterov) momentum in PyTorch's form: v = μv + g; p −= lr · v.</summary>
    void SgdStep(Tensor parameters, Tensor gradients, Tensor? velocity, float learningRate, float momentum, bool nesterov, float weightDecay);

    /// <summary>RMSprop in PyTorch's form: s = ρs + (1−ρ)g²; p −= lr · g / (√s + ε).</summary>
    void RmsPropStep(Tensor parameters, Tensor gradients, Tensor meanSquare, float learningRate, float rho, float epsilon, float weightDecay);
    // Sequences (N, T, C), channels last as Keras's; a mask is (N, T) of 1 (a real step) and 0 (padding).

    /// <summary>y (N, OT, O) = x (N, T, C) ⋆ kernel (O, C, k) + bias (O), channels last, on the 1 × k geometry (Height 1,
    /// Width T): PyTorch's conv1d on Keras's layout.</summary>
    void Conv1D(Tensor x, Tensor kernel, Tensor? bias, Tensor y, in ConvolutionGeometry geometry);

    void Conv1DBackward(Tensor x, Tensor kernel, Tensor dy, Tensor? dx, bool accumulateX, Tensor? dKernel, bool accumulateKernel,
        Tensor? dBias, bool accumulateBias, in ConvolutionGeometry geometry);

    /// <summary>y (N, T', O) = the transposed convolution of x (N, T, C) with kernel (C, O, k) + bias (O), channels last:
    /// the geometry's image (1 × T') is the output.</summary>
    void Conv1DTranspose(Tensor x, Tensor kernel, Tensor? bias, Tensor y, in ConvolutionGeometry geometry);

    void Conv1DTransposeBackward(Tensor x, Tensor kernel, Tensor dy, Tensor? dx, bool accumulateX, Tensor? dKernel, bool accumulateKernel,
        Tensor? dBias, bool accumulateBias, in ConvolutionGeometry geometry);

    /// <summary>y (N, OT, C) = the maximum of each <paramref name="pool"/>-step window of x (N, T, C), windows
    /// <paramref name="stride"/> apart, no padding: OT = ⌊(T − pool) / s⌋ + 1.</summary>
    void MaxPool1D(Tensor x, Tensor y, int pool, int stride);

    /// <summary>dx (+)= dy routed to each window's first maximum (per channel).</summary>
    void MaxPool1DBackward(Tensor x, Tensor dy, Tensor dx, int pool, int stride, bool accumulate);

    /// <summary>y (N, T·f, C) = each step of x (N, T, C) repeated f times.</summary>
    void UpSample1D(Tensor x, Tensor y, int factor);

    void UpSample1DBackward(Tensor dy, Tensor dx, int factor, bool accumulate);

    /// <summary>y (N, C) = Σ_t m[n, t] x[n, t, c] / Σ_t m[n, t] (the plain mean over T without a mask; 0 where every step is masked).</summary>
    void GlobalAveragePool1D(Tensor x, Tensor? mask, Tensor y);

    void GlobalAveragePool1DBackward(Tensor? mask, Tensor dy, Tensor dx, bool accumulate);

    /// <summary>y (N, C) = the maximum over the unmasked steps of x (N, T, C) (0 where every step is masked).</summary>
    void GlobalMaxPool1D(Tensor x, Tensor? mask, Tensor y);

    /// <summary>dx (+)= dy at each channel's first maximum over the unmasked steps.</summary>
    void GlobalMaxPool1DBackward(Tensor x, Tensor? mask, Tensor dy, Tensor dx, bool accumulate);
}
