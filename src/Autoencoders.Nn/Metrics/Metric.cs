using Autoencoders.Nn.Losses;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Metrics;

/// <summary>
/// A figure reported beside the loss, per epoch in <see cref="Training.History"/> and by Evaluate (Keras's metrics):
/// a count of hits over a count of cases, summed exactly over batches, so a dataset's figure is not a mean of batch means.
/// Computed on the CPU from the prediction and target values; it allocates nothing.
/// </summary>
public abstract class Metric
{
    /// <summary>The name in logs and files, e.g. <c>accuracy</c> (validation figures add <c>val_</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Adds a batch's hits and cases to <paramref name="hits"/> and <paramref name="cases"/>.</summary>
    public abstract void Accumulate(Tensor prediction, Tensor target, ref long hits, ref long cases);

    public static IEnumerable<string> Names => ["accuracy", "binary_accuracy", "sparse_categorical_accuracy", "categorical_accuracy"];

    /// <summary>A metric by its Keras name; "accuracy" picks the form that suits <paramref name="loss"/>, as Keras does:
    /// class ids against a sparse categorical loss, one-hot rows against a categorical one, else thresholded at 0.5.</summary>
    public static Metric Parse(string name, Loss? loss) => name.ToLowerInvariant() switch
    {
        "accuracy" or "acc" => loss?.Name switch
        {
            "sparse_categorical_crossentropy" => new SparseCategoricalAccuracy("accuracy"),
            "categorical_crossentropy" => new CategoricalAccuracy("accuracy"),
            _ => new BinaryAccuracy("accuracy"),
        },
        "binary_accuracy" => new BinaryAccuracy("binary_accuracy"),
        "sparse_categorical_accuracy" => new SparseCategoricalAccuracy("sparse_categorical_accuracy"),
        "categorical_accuracy" => new CategoricalAccuracy("categorical_accuracy"),
        _ => throw new ArgumentException($"unknown metric \"{name}\", expected one of {string.Join(", ", Names)}"),
    };

    public override string ToString() => Name;

    private protected static void RequireSameLength(Tensor prediction, Tensor target, string metric)
    {
        if (prediction.Length != target.Length)
            throw new ArgumentException($"{metric} expected targets of the prediction's shape {prediction.Shape}, received {target.Shape}");
    }

    /// <summary>The index of the largest of <paramref name="values"/> (the first, on ties, as NumPy's argmax).</summary>
    private protected static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }
}
