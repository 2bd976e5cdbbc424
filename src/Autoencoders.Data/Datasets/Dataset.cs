using System.Numerics.Tensors;

namespace Autoencoders.Data;

/// <summary>N samples × D features in one row-major float array, with optional labels, sample shape and class names.</summary>
/// <remarks>Images are scaled to [0, 1] (byte / 255) when loaded; tabular data keeps its values (see <see cref="MinMaxScaler"/>).</remarks>
public sealed class Dataset : IBatchSource
{
    /// <summary>Wraps <paramref name="features"/>, shape <c>(features.Length / featureCount, featureCount)</c>.</summary>
    /// <param name="sampleShape">How one row is laid out, e.g. <c>[28, 28]</c>; its product must be <paramref name="featureCount"/>.</param>
    /// <param name="classNames">Names of labels 0, 1, …; every label must index into it.</param>
    public Dataset(float[] features, int featureCount, int[]? labels = null, int[]? sampleShape = null, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        if (features.Length % featureCount != 0)
        {
            throw new ArgumentException($"{features.Length} features do not divide into rows of {featureCount}", nameof(features));
        }

        int count = features.Length / featureCount;
        if (labels is not null && labels.Length != count)
        {
            throw new ArgumentException($"expected {count} labels (one per row), received {labels.Length}", nameof(labels));
        }
        if (sampleShape is not null && sampleShape.Aggregate(1L, (product, size) => checked(product * size)) != featureCount)
        {
            throw new ArgumentException($"sample shape {DataErrors.Shape(sampleShape.Select(s => (long)s))} does not hold {featureCount} features", nameof(sampleShape));
        }
        if (classNames is not null && labels is not null && labels.Any(label => (uint)label >= (uint)classNames.Count))
        {
            throw new ArgumentException($"labels must lie in [0, {classNames.Count}) to name one of the {classNames.Count} classes", nameof(labels));
        }

        Features = features;
        FeatureCount = featureCount;
        Count = count;
        Labels = labels;
        SampleShape = sampleShape;
        ClassNames = classNames;
    }

    /// <summary>All samples, row-major, shape <c>(Count, FeatureCount)</c>.</summary>
    public float[] Features { get; }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <summary>One integer label per sample, or null when the data is unlabelled.</summary>
    public int[]? Labels { get; }

    /// <summary>How one sample is laid out (e.g. <c>[28, 28]</c> for an image), or null for a flat feature vector.</summary>
    public int[]? SampleShape { get; }

    /// <summary>The name of each label value, or null when labels are bare numbers.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Row(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return Features.AsSpan(index * FeatureCount, FeatureCount);
    }

    /// <inheritdoc />
    public void CopyRows(ReadOnlySpan<int> rowIndices, Span<float> destination)
    {
        if (destination.Length < (long)rowIndices.Length * FeatureCount)
        {
            throw new ArgumentException($"destination holds {destination.Length} floats, expected at least {rowIndices.Length} rows × {FeatureCount}", nameof(destination));
        }
        for (int i = 0; i < rowIndices.Length; i++)
        {
            Row(rowIndices[i]).CopyTo(destination.Slice(i * FeatureCount, FeatureCount));
        }
    }

    /// <summary>The first <paramref name="count"/> samples (all of them if there are fewer), for <c>--limit</c>.</summary>
    public Dataset Limit(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count >= Count ? this : Slice(0, count);
    }

    /// <summary>The <paramref name="count"/> samples starting at <paramref name="start"/>.</summary>
    public Dataset Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)start + count, Count, nameof(count));
        return new Dataset(
            Features.AsSpan(start * FeatureCount, count * FeatureCount).ToArray(),
            FeatureCount,
            Labels?.AsSpan(start, count).ToArray(),
            SampleShape,
            ClassNames);
    }

    /// <summary>The samples at <paramref name="rowIndices"/>, in that order.</summary>
    public Dataset Subset(IReadOnlyList<int> rowIndices)
    {
        ArgumentNullException.ThrowIfNull(rowIndices);
        var features = new float[checked(rowIndices.Count * FeatureCount)];
        int[]? labels = Labels is null ? null : new int[rowIndices.Count];
        for (int i = 0; i < rowIndices.Count; i++)
        {
            Row(rowIndices[i]).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
            if (labels is not null)
            {
                labels[i] = Labels![rowIndices[i]];
            }
        }
        return new Dataset(features, FeatureCount, labels, SampleShape, ClassNames);
    }

    /// <summary>The samples whose label is in <paramref name="keptLabels"/>, in their original order (e.g. "normal" classes for anomaly detection).</summary>
    public Dataset WhereLabelIn(IEnumerable<int> keptLabels)
    {
        ArgumentNullException.ThrowIfNull(keptLabels);
        if (Labels is null)
        {
            throw new InvalidOperationException("cannot select by label: this dataset has no labels");
        }
        var kept = keptLabels.ToHashSet();
        var rows = new List<int>();
        for (int i = 0; i < Count; i++)
        {
            if (kept.Contains(Labels[i]))
            {
                rows.Add(i);
            }
        }
        return Subset(rows);
    }

    /// <summary>Builds a dataset from unsigned bytes scaled to [0, 1] (value / 255), as images are stored.</summary>
    public static Dataset FromBytes(ReadOnlySpan<byte> pixels, int featureCount, int[]? labels = null, int[]? sampleShape = null, IReadOnlyList<string>? classNames = null)
    {
        var features = new float[pixels.Length];
        TensorPrimitives.ConvertTruncating<byte, float>(pixels, features);
        TensorPrimitives.Divide(features, 255f, features);
        return new Dataset(features, featureCount, labels, sampleShape, classNames);
    }
}
