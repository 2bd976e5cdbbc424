using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Nn.Losses;

/// <summary>
/// A reconstruction loss: a differentiable batch mean for training (<see cref="Compute"/>) and an exact
/// dataset-level figure for evaluation (<see cref="Accumulate"/> over batches, then <see cref="Finish"/>).
/// </summary>
public abstract class Loss
{
    public static readonly Loss MeanSquaredError = new MeanSquaredErrorLoss();
    public static readonly Loss BinaryCrossEntropy = new BinaryCrossEntropyLoss();
    public static readonly Loss RootMeanSquaredError = new RootMeanSquaredErrorLoss();

    /// <summary>mean |p − t| (L1): image-to-image models train on it for sharper outputs than MSE gives (pix2pix).</summary>
    public static readonly Loss MeanAbsoluteError = new MeanAbsoluteErrorLoss();

    /// <summary>Binary cross-entropy summed over a sample's values and averaged over samples: a VAE's reconstruction
    /// term in nats per sample, as PyTorch's reduction="sum" / batch and Keras's VAE example (bce × input size).</summary>
    public static readonly Loss BinaryCrossEntropySum = new SummedOverValues(BinaryCrossEntropy);

    public static readonly Loss SquaredErrorSum = new SummedOverValues(MeanSquaredError);

    /// <summary>Softmax cross-entropy against one integer class id per sample (or per step), as Keras's
    /// sparse_categorical_crossentropy; on the logits when the model ends in a softmax.</summary>
    public static readonly Loss SparseCategoricalCrossEntropy = new CategoricalCrossEntropyLoss(sparse: true);

    /// <summary>Softmax cross-entropy against one-hot or probability targets shaped like the prediction.</summary>
    public static readonly Loss CategoricalCrossEntropy = new CategoricalCrossEntropyLoss(sparse: false);

    /// <summary>The name used on the command line and in model files: mse, bce, rmse.</summary>
    public abstract string Name { get; }

    public static IEnumerable<string> Names => [.. ReconstructionNames, "sparse_categorical_crossentropy", "categorical_crossentropy"];

    /// <summary>The losses that compare a reconstruction with its input: what an autoencoder (<c>ae train</c>) can use.</summary>
    public static IEnumerable<string> ReconstructionNames => ["mse", "bce", "rmse", "mae", "bce_sum", "mse_sum"];

    public static Loss Parse(string name) => name.ToLowerInvariant() switch
    {
        "mse" or "mean_squared_error" => MeanSquaredError,
        "bce" or "binary_crossentropy" => BinaryCrossEntropy,
        "rmse" or "root_mean_squared_error" => RootMeanSquaredError,
        "mae" or "l1" or "mean_absolute_error" => MeanAbsoluteError,
        "bce_sum" => BinaryCrossEntropySum,
        "mse_sum" => SquaredErrorSum,
        "sparse_categorical_crossentropy" or "scce" => SparseCategoricalCrossEntropy,
        "categorical_crossentropy" or "cce" => CategoricalCrossEntropy,
        _ => throw new ArgumentException($"unknown loss \"{name}\", expected one of {string.Join(", ", Names)}"),
    };

    /// <summary>The batch's loss as a scalar tensor that <see cref="Graph.Backward"/> can start from.</summary>
    public abstract Tensor Compute(Graph graph, Tensor prediction, Tensor target);

    /// <summary>The sum of the per-element terms of a batch; evaluation adds these up over a dataset.</summary>
    public abstract double Accumulate(IComputeBackend backend, Tensor prediction, Tensor target);

    /// <summary>The dataset's loss from the accumulated sum over <paramref name="elementCount"/> values of
    /// <paramref name="sampleCount"/> samples.</summary>
    public virtual double Finish(double sum, long elementCount, long sampleCount) => sum / elementCount;

    /// <summary>How many terms a batch's <see cref="Accumulate"/> adds up, the elementCount of <see cref="Finish"/>:
    /// every value by default, one per row of classes for a categorical loss.</summary>
    public virtual long TermsIn(Tensor prediction) => prediction.Length;

    public override string ToString() => Name;

    private sealed class MeanSquaredErrorLoss : Loss
    {
        public override string Name => "mse";

        public override Tensor Compute(Graph graph, Tensor prediction, Tensor target) => graph.MeanSquaredError(prediction, target);

        public override double Accumulate(IComputeBackend backend, Tensor prediction, Tensor target) => backend.SquaredErrorSum(prediction, target);
    }

    private sealed class RootMeanSquaredErrorLoss : Loss
    {
        public override string Name => "rmse";

        public override Tensor Compute(Graph graph, Tensor prediction, Tensor target) => graph.RootMeanSquaredError(prediction, target);

        public override double Accumulate(IComputeBackend backend, Tensor prediction, Tensor target) => backend.SquaredErrorSum(prediction, target);

        /// <summary>√ of the dataset's mean squared error, not a mean of batch RMSEs.</summary>
        public override double Finish(double sum, long elementCount, long sampleCount) => Math.Sqrt(sum / elementCount);
    }

    private sealed class MeanAbsoluteErrorLoss : Loss
    {
        public override string Name => "mae";

        public override Tensor Compute(Graph graph, Tensor prediction, Tensor target) => graph.Mean(graph.Abs(graph.Subtract(prediction, target)));

        public override double Accumulate(IComputeBackend backend, Tensor prediction, Tensor target)
        {
            ReadOnlySpan<float> p = prediction.Span, t = target.Span;
            double sum = 0;
            for (int i = 0; i < p.Length; i++) sum += Math.Abs(p[i] - t[i]);
            return sum;
        }
    }

    private sealed class BinaryCrossEntropyLoss : Loss
    {
        public override string Name => "bce";

        public override Tensor Compute(Graph graph, Tensor prediction, Tensor target) => graph.BinaryCrossEntropy(prediction, target);

        // Like training, on the logits when the prediction is a sigmoid's output.
        public override double Accumulate(IComputeBackend backend, Tensor prediction, Tensor target) =>
            prediction.SigmoidInputOrNull() is { } logits
                ? backend.BinaryCrossEntropyWithLogitsSum(logits, prediction, target)
                : backend.BinaryCrossEntropySum(prediction, target);
    }

    private sealed class SummedOverValues(Loss perValue) : Loss
    {
        public override string Name => perValue.Name + "_sum";

        public override Tensor Compute(Graph graph, Tensor prediction, Tensor target) =>
            graph.Scale(perValue.Compute(graph, prediction, target), prediction.Columns);

        public override double Accumulate(IComputeBackend backend, Tensor prediction, Tensor target) => perValue.Accumulate(backend, prediction, target);

        public override double Finish(double sum, long elementCount, long sampleCount) => sum / sampleCount;
    }
}
