using Autoencoders.Data;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Backends;
using Autoencoders.Tensors.Backends.Cpu;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Autoencoders.Applications.Features;

/// <summary>
/// Multinomial logistic regression on standardised features: p = softmax(z W + b) with z = (x − μ) / σ, fitted by
/// minimising the mean cross-entropy −log p_y + (λ/2)‖W‖² (see <see cref="SoftmaxOptions"/>). The linear probe of
/// learned features: how much of the label a code makes linearly readable.
/// </summary>
public sealed class SoftmaxClassifier
{
    private const int PredictRowsPerBlock = 1024;

    private readonly Standardization scaling;
    private readonly Tensor weights; // (d, classes)
    private readonly float[] bias;   // (classes)
    private readonly IComputeBackend backend;

    private SoftmaxClassifier(Standardization scaling, Tensor weights, float[] bias, IReadOnlyList<double> epochLosses, IComputeBackend backend)
    {
        this.scaling = scaling;
        this.weights = weights;
        this.bias = bias;
        EpochLosses = epochLosses;
        this.backend = backend;
    }

    public int Dimensions => scaling.Dimensions;

    public int Classes => bias.Length;

    /// <summary>The mean cross-entropy (nats, without the L2 term) over each epoch's batches, measured before each step.</summary>
    public IReadOnlyList<double> EpochLosses { get; }

    /// <summary>Fits a classifier of <paramref name="features"/> (n, <paramref name="dimensions"/>) row-major to
    /// <paramref name="labels"/> in [0, <paramref name="classes"/>).</summary>
    public static SoftmaxClassifier Train(float[] features, int[] labels, int dimensions, int classes, SoftmaxOptions? options = null,
        IComputeBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), $"expected at least 2 classes, received {classes}");
        if (features.Length % dimensions != 0)
            throw new ArgumentException($"expected whole rows of {dimensions} values, received {features.Length} values", nameof(features));
        int count = features.Length / dimensions;
        if (count == 0) throw new ArgumentException("expected at least one training row, received none", nameof(features));
        if (labels.Length != count) throw new ArgumentException($"expected {count} labels (one per row), received {labels.Length}", nameof(labels));
        foreach (int label in labels)
            if ((uint)label >= (uint)classes) throw new ArgumentException($"expected labels in [0, {classes}), received {label}", nameof(labels));
        options ??= new SoftmaxOptions();
        options.Validate();
        backend ??= CpuBackend.Shared;

        var scaling = Standardization.Fit(features, dimensions);
        // W and b in one buffer (and their gradients and moments likewise), so that an Adam step is one call.
        int parameterCount = dimensions * classes + classes;
        var parameters = new Tensor(new Shape(parameterCount));
        var gradients = new Tensor(new Shape(parameterCount));
        var firstMoment = new Tensor(new Shape(parameterCount));
        var secondMoment = new Tensor(new Shape(parameterCount));
        // Tensors start uninitialised; the weights start at 0 (the problem is convex: no symmetry to break).
        parameters.Span.Clear();
        firstMoment.Span.Clear();
        secondMoment.Span.Clear();
        var weights = new Tensor(parameters.Buffer, 0, new Shape(dimensions, classes));
        var weightGradient = new Tensor(gradients.Buffer, 0, new Shape(dimensions, classes));
        var biasGradient = new Tensor(gradients.Buffer, dimensions * classes, new Shape(classes));

        int batchSize = Math.Min(options.BatchSize, count), batchesPerEpoch = (count + batchSize - 1) / batchSize;
        var inputs = new Tensor(new Shape(batchSize, dimensions));  // (B, d) standardised rows
        var outputs = new Tensor(new Shape(batchSize, classes));    // (B, classes): logits, then p, then ∂loss/∂logits
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        var random = new DeterministicRandom(options.Seed);
        var losses = new double[options.EpochsFor(batchesPerEpoch)];
        int step = 0, totalSteps = losses.Length * batchesPerEpoch;
        for (int epoch = 0; epoch < losses.Length; epoch++)
        {
            random.Shuffle(order.AsSpan());
            double lossSum = 0;
            for (int start = 0; start < count; start += batchSize)
            {
                int rows = Math.Min(batchSize, count - start);
                Tensor x = rows == batchSize ? inputs : new Tensor(inputs.Buffer, 0, new Shape(rows, dimensions));
                Tensor y = rows == batchSize ? outputs : new Tensor(outputs.Buffer, 0, new Shape(rows, classes));
                Span<float> xs = x.Span, ys = y.Span;
                for (int i = 0; i < rows; i++)
                    scaling.Apply(features.AsSpan(order[start + i] * dimensions, dimensions), xs.Slice(i * dimensions, dimensions));
                Logits(x, weights, parameters.Span.Slice(dimensions * classes, classes), y, backend);
                backend.Softmax(y, y);
                // ∂(mean −log p_y)/∂logits = (p − onehot(y)) / B
                double batchLoss = 0;
                for (int i = 0; i < rows; i++)
                {
                    ref float target = ref ys[i * classes + labels[order[start + i]]];
                    batchLoss -= Math.Log(Math.Max(target, 1e-30f));
                    target -= 1f;
                }
                lossSum += batchLoss / rows;
                TensorPrimitives.Multiply(ys, 1f / rows, ys);
                backend.MatMul(x, true, y, false, weightGradient, 1f, 0f); // (d, classes) = zᵀ G
                TensorPrimitives.MultiplyAdd(weights.Span, options.L2, weightGradient.Span, weightGradient.Span);
                backend.SumRows(y, biasGradient, accumulate: false);
                float learningRate = (float)(options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * step / totalSteps)));
                backend.AdamStep(parameters, gradients, firstMoment, secondMoment, learningRate, 0.9f, 0.999f, 1e-8f, 0f, ++step);
            }
            losses[epoch] = lossSum / batchesPerEpoch;
        }
        return new SoftmaxClassifier(scaling, weights, parameters.Buffer.AsSpan(dimensions * classes, classes).ToArray(), losses, backend);
    }

    /// <summary>The most probable class of each row of <paramref name="features"/> (n, <see cref="Dimensions"/>); the lowest on a tie.</summary>
    public int[] Predict(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        int dimensions = Dimensions, classes = Classes;
        if (features.Length % dimensions != 0)
            throw new ArgumentException($"expected whole rows of {dimensions} values, received {features.Length} values", nameof(features));
        int count = features.Length / dimensions;
        var predictions = new int[count];
        int blockRows = Math.Min(PredictRowsPerBlock, Math.Max(1, count));
        var inputs = new Tensor(new Shape(blockRows, dimensions));
        var logits = new Tensor(new Shape(blockRows, classes));
        for (int start = 0; start < count; start += blockRows)
        {
            int rows = Math.Min(blockRows, count - start);
            Tensor x = rows == blockRows ? inputs : new Tensor(inputs.Buffer, 0, new Shape(rows, dimensions));
            Tensor y = rows == blockRows ? logits : new Tensor(logits.Buffer, 0, new Shape(rows, classes));
            Span<float> xs = x.Span;
            for (int i = 0; i < rows; i++)
                scaling.Apply(features.AsSpan((start + i) * dimensions, dimensions), xs.Slice(i * dimensions, dimensions));
            Logits(x, weights, bias, y, backend);
            ReadOnlySpan<float> ys = y.Span;
            for (int i = 0; i < rows; i++) predictions[start + i] = TensorPrimitives.IndexOfMax(ys.Slice(i * classes, classes));
        }
        return predictions;
    }

    /// <summary>logits (B, classes) = z W + b.</summary>
    private static void Logits(Tensor inputs, Tensor weights, ReadOnlySpan<float> bias, Tensor logits, IComputeBackend backend)
    {
        backend.MatMul(inputs, false, weights, false, logits, 1f, 0f);
        Span<float> values = logits.Span;
        for (int i = 0; i < values.Length; i += bias.Length)
            TensorPrimitives.Add(values.Slice(i, bias.Length), bias, values.Slice(i, bias.Length));
    }
}
