namespace Autoencoders.Data;

/// <summary>Scales each feature to [0, 1] using the minimum and maximum seen in the training data.</summary>
/// <remarks>
/// <c>x' = (x − min) / (max − min)</c> per column; a constant column maps to 0. Fit on the training set
/// only and apply the same scaler to test data, which may then fall slightly outside [0, 1]: clamping would
/// hide exactly the out-of-range values an anomaly detector should see.
/// </remarks>
public sealed class MinMaxScaler
{
    private readonly float[] minimum;
    private readonly float[] maximum;
    // 1 / (max − min), or 0 for a constant column.
    private readonly float[] scale;

    /// <summary>Restores a scaler from saved per-feature minima and maxima.</summary>
    public MinMaxScaler(float[] minimum, float[] maximum)
    {
        ArgumentNullException.ThrowIfNull(minimum);
        ArgumentNullException.ThrowIfNull(maximum);
        if (minimum.Length != maximum.Length || minimum.Length == 0)
        {
            throw new ArgumentException($"expected equal, non-empty minimum and maximum arrays, received {minimum.Length} and {maximum.Length}");
        }

        this.minimum = (float[])minimum.Clone();
        this.maximum = (float[])maximum.Clone();
        scale = new float[minimum.Length];
        for (int i = 0; i < scale.Length; i++)
        {
            if (!(maximum[i] >= minimum[i]) || !float.IsFinite(minimum[i]) || !float.IsFinite(maximum[i]))
            {
                throw new ArgumentException($"feature {i}: expected finite minimum ≤ maximum, received {minimum[i]} and {maximum[i]}");
            }
            float range = maximum[i] - minimum[i];
            scale[i] = range > 0 ? 1f / range : 0f;
        }
    }

    /// <summary>Per-feature minimum seen when fitting.</summary>
    public IReadOnlyList<float> Minimum => minimum;

    /// <summary>Per-feature maximum seen when fitting.</summary>
    public IReadOnlyList<float> Maximum => maximum;

    /// <summary>Number of features this scaler expects.</summary>
    public int FeatureCount => minimum.Length;

    /// <summary>Learns each feature's range from <paramref name="train"/>.</summary>
    public static MinMaxScaler Fit(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0)
        {
            throw new ArgumentException("cannot fit a scaler on an empty dataset", nameof(train));
        }

        float[] minimum = train.Row(0).ToArray();
        float[] maximum = train.Row(0).ToArray();
        for (int row = 1; row < train.Count; row++)
        {
            ReadOnlySpan<float> values = train.Row(row);
            for (int i = 0; i < values.Length; i++)
            {
                minimum[i] = Math.Min(minimum[i], values[i]);
                maximum[i] = Math.Max(maximum[i], values[i]);
            }
        }
        return new MinMaxScaler(minimum, maximum);
    }

    /// <summary>A scaled copy of <paramref name="data"/>, with the same labels, shape and class names.</summary>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireFeatureCount(data.FeatureCount);
        float[] features = (float[])data.Features.Clone();
        Transform(features);
        return new Dataset(features, data.FeatureCount, data.Labels, data.SampleShape, data.ClassNames);
    }

    /// <summary>Scales row-major <paramref name="rows"/>, shape <c>(n, FeatureCount)</c>, in place.</summary>
    public void Transform(Span<float> rows)
    {
        RequireWholeRows(rows.Length);
        for (int offset = 0; offset < rows.Length; offset += FeatureCount)
        {
            Span<float> row = rows.Slice(offset, FeatureCount);
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = (row[i] - minimum[i]) * scale[i];
            }
        }
    }

    /// <summary>Maps scaled row-major <paramref name="rows"/> back to original units, in place (a constant column returns its constant).</summary>
    public void InverseTransform(Span<float> rows)
    {
        RequireWholeRows(rows.Length);
        for (int offset = 0; offset < rows.Length; offset += FeatureCount)
        {
            Span<float> row = rows.Slice(offset, FeatureCount);
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = minimum[i] + row[i] * (maximum[i] - minimum[i]);
            }
        }
    }

    private void RequireFeatureCount(int featureCount)
    {
        if (featureCount != FeatureCount)
        {
            throw new ArgumentException($"scaler was fitted on {FeatureCount} features, received {featureCount}");
        }
    }

    private void RequireWholeRows(int length)
    {
        if (length % FeatureCount != 0)
        {
            throw new ArgumentException($"expected whole rows of {FeatureCount} features, received {length} values");
        }
    }
}
