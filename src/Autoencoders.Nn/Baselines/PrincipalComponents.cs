using MathNet.Numerics.LinearAlgebra;

namespace Autoencoders.Nn.Baselines;

/// <summary>
/// Principal component analysis, exact: the eigenvectors of the sample covariance (MathNet's symmetric
/// eigendecomposition), largest variance first. Projects rows onto the first components and back.
/// </summary>
public sealed class PrincipalComponents
{
    private readonly float[] mean;
    private readonly float[] components; // (count, features), one component per row

    private PrincipalComponents(float[] mean, float[] components, int count, double[] explainedVariance)
    {
        this.mean = mean;
        this.components = components;
        Count = count;
        ExplainedVariance = explainedVariance;
    }

    public int Count { get; }

    public int FeatureCount => mean.Length;

    /// <summary>The variance along each kept component, largest first.</summary>
    public IReadOnlyList<double> ExplainedVariance { get; }

    /// <summary>Fits the first <paramref name="count"/> components of <paramref name="rows"/> (n × features, row-major).</summary>
    public static PrincipalComponents Fit(ReadOnlySpan<float> rows, int features, int count)
    {
        int n = rows.Length / features;
        if (n < 2 || rows.Length % features != 0)
            throw new ArgumentException($"PCA needs at least 2 rows of {features} values, received {rows.Length} values");
        if (count <= 0 || count > features)
            throw new ArgumentOutOfRangeException(nameof(count), $"expected 1 to {features} components, received {count}");
        var mean = new double[features];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < features; j++) mean[j] += rows[i * features + j];
        for (int j = 0; j < features; j++) mean[j] /= n;
        var covariance = Matrix<double>.Build.Dense(features, features);
        var centered = new double[features];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < features; j++) centered[j] = rows[i * features + j] - mean[j];
            for (int a = 0; a < features; a++)
                for (int b = a; b < features; b++) covariance[a, b] += centered[a] * centered[b];
        }
        for (int a = 0; a < features; a++)
            for (int b = a; b < features; b++) covariance[b, a] = covariance[a, b] /= n - 1;
        var eigen = covariance.Evd(Symmetricity.Symmetric);
        // MathNet orders eigenvalues ascending: the last columns carry the most variance.
        var picked = new float[count * features];
        var variance = new double[count];
        for (int c = 0; c < count; c++)
        {
            int column = features - 1 - c;
            variance[c] = eigen.EigenValues[column].Real;
            for (int j = 0; j < features; j++) picked[c * features + j] = (float)eigen.EigenVectors[j, column];
        }
        return new PrincipalComponents([.. mean.Select(m => (float)m)], picked, count, variance);
    }

    /// <summary>The coordinates of each row along the components: (n, Count).</summary>
    public float[] Transform(ReadOnlySpan<float> rows)
    {
        int n = rows.Length / FeatureCount;
        var codes = new float[n * Count];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < Count; c++)
            {
                double sum = 0;
                for (int j = 0; j < FeatureCount; j++)
                    sum += (rows[i * FeatureCount + j] - mean[j]) * components[c * FeatureCount + j];
                codes[i * Count + c] = (float)sum;
            }
        return codes;
    }
}
