using System.Numerics.Tensors;
using Autoencoders.Applications.Codecs;
using Autoencoders.Data;

namespace Autoencoders.Applications.Anomaly;

/// <summary>
/// The anomaly score of reconstruction-based detection: a codec trained on normal data reconstructs normal samples
/// well and others badly (Sakurada &amp; Yairi 2014, https://doi.org/10.1145/2689746.2689747).
/// </summary>
public static class ReconstructionError
{
    // Samples are reconstructed this many at a time, so that scoring 60,000 images holds two 25 MB chunks, not 188 MB.
    private const int ChunkRows = 8192;

    /// <summary>Each sample's mean squared error: scoreᵢ = (1/D) Σⱼ (xᵢⱼ − x̂ᵢⱼ)², x̂ = codec.Reconstruct(x).</summary>
    public static double[] PerSample(ICodec codec, Dataset samples)
    {
        var scores = new double[samples?.Count ?? 0];
        PerSample(codec, samples!, scores);
        return scores;
    }

    /// <summary>As <see cref="PerSample(ICodec, Dataset)"/>, into <paramref name="scores"/> (one per sample), so that a stream of chunks allocates no score arrays.</summary>
    public static void PerSample(ICodec codec, Dataset samples, Span<double> scores) => PerSample(codec, samples, scores, ReconstructionMeasure.MeanSquared);

    /// <summary>Each sample's error by <paramref name="measure"/>: the mean squared or the mean absolute difference.</summary>
    public static double[] PerSample(ICodec codec, Dataset samples, ReconstructionMeasure measure)
    {
        var scores = new double[samples?.Count ?? 0];
        PerSample(codec, samples!, scores, measure);
        return scores;
    }

    /// <summary>As <see cref="PerSample(ICodec, Dataset, ReconstructionMeasure)"/>, into <paramref name="scores"/>.</summary>
    public static void PerSample(ICodec codec, Dataset samples, Span<double> scores, ReconstructionMeasure measure)
    {
        RequireInputSize(codec, samples);
        if (scores.Length < samples.Count)
            throw new ArgumentException($"expected room for {samples.Count} scores, received {scores.Length}", nameof(scores));
        int features = samples.FeatureCount;
        for (int start = 0; start < samples.Count; start += ChunkRows)
        {
            int count = Math.Min(ChunkRows, samples.Count - start);
            Dataset chunk = count == samples.Count ? samples : samples.Slice(start, count);
            float[] errors = codec.Reconstruct(chunk); // (count, D), becomes x̂ − x in place
            TensorPrimitives.Subtract(errors, chunk.Features, errors);
            for (int i = 0; i < count; i++)
            {
                var row = errors.AsSpan(i * features, features);
                scores[start + i] = (double)(measure == ReconstructionMeasure.MeanAbsolute ? TensorPrimitives.SumOfMagnitudes(row) : TensorPrimitives.SumOfSquares(row)) / features;
            }
        }
    }

    /// <summary>
    /// For each sample, the <paramref name="count"/> features with the largest squared errors (xⱼ − x̂ⱼ)², largest
    /// first (ties: the lower index first) — what makes the sample look anomalous, for <c>ae detect --explain</c>.
    /// </summary>
    public static FeatureError[][] TopFeatures(ICodec codec, Dataset samples, int count)
    {
        RequireInputSize(codec, samples);
        int features = samples.FeatureCount;
        if (count < 1 || count > features)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"expected between 1 and {features} features, received {count}");
        float[] reconstructions = codec.Reconstruct(samples);
        var top = new FeatureError[samples.Count][];
        var squared = new float[features];
        var order = new int[features];
        // Largest first, then the lower index: a total order, so the choice among equal errors is reproducible.
        Comparison<int> largestFirst = (a, b) => squared[b] != squared[a] ? squared[b].CompareTo(squared[a]) : a.CompareTo(b);
        for (int i = 0; i < samples.Count; i++)
        {
            TensorPrimitives.Subtract(samples.Row(i), reconstructions.AsSpan(i * features, features), squared);
            TensorPrimitives.Multiply(squared, squared, squared);
            for (int j = 0; j < features; j++) order[j] = j;
            Array.Sort(order, largestFirst);
            top[i] = new FeatureError[count];
            for (int k = 0; k < count; k++) top[i][k] = new FeatureError(order[k], squared[order[k]]);
        }
        return top;
    }

    private static void RequireInputSize(ICodec codec, Dataset samples)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.FeatureCount != codec.InputSize)
            throw new ArgumentException($"codec {codec.Name} expects samples of {codec.InputSize} values, received {samples.FeatureCount}");
    }
}
