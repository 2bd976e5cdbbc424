using Autoencoders.Data;
using MathNet.Numerics.LinearAlgebra;

namespace Autoencoders.Nn.Baselines;

/// <summary>
/// Truncated SVD without centring, as scikit-learn's <c>TruncatedSVD</c> computes latent semantic analysis (LSA) on
/// TF-IDF rows: the randomized range finder of Halko, Martinsson &amp; Tropp (2011, https://arxiv.org/abs/0909.4061) —
/// a Gaussian sketch of k + 10 columns, power iterations re-orthonormalised by QR, then the exact SVD of the small
/// projection. <see cref="Transform"/> gives each row's coordinates on the first k right singular vectors.
/// </summary>
public sealed class TruncatedSvd
{
    private const int Oversampling = 10;
    private readonly Matrix<double> components; // (k, features), one right singular vector per row

    private TruncatedSvd(Matrix<double> components, double[] singularValues)
    {
        this.components = components;
        SingularValues = singularValues;
    }

    public int Count => components.RowCount;

    public int FeatureCount => components.ColumnCount;

    /// <summary>The first k singular values, largest first.</summary>
    public IReadOnlyList<double> SingularValues { get; }

    /// <summary>Fits k components on <paramref name="rows"/> (n × features, row-major); the seed fixes the sketch.</summary>
    public static TruncatedSvd Fit(ReadOnlySpan<float> rows, int features, int count, ulong seed = 0, int powerIterations = 5)
    {
        if (features <= 0 || rows.Length % features != 0 || rows.Length / features < 2)
            throw new ArgumentException($"truncated SVD needs at least 2 rows of {features} values, received {rows.Length} values");
        int n = rows.Length / features;
        if (count <= 0 || count > Math.Min(n, features))
            throw new ArgumentOutOfRangeException(nameof(count), $"expected 1 to {Math.Min(n, features)} components, received {count}");
        var a = Matrix<double>.Build.Dense(n, features);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < features; j++) a[i, j] = rows[i * features + j];
        int sketch = Math.Min(count + Oversampling, Math.Min(n, features));
        var random = new DeterministicRandom(seed);
        var omega = Matrix<double>.Build.Dense(features, sketch, (_, _) => random.NextGaussian());
        var q = (a * omega).QR().Q.SubMatrix(0, n, 0, sketch);
        for (int i = 0; i < powerIterations; i++)
        {
            var back = (a.TransposeThisAndMultiply(q)).QR().Q.SubMatrix(0, features, 0, sketch);
            q = (a * back).QR().Q.SubMatrix(0, n, 0, sketch);
        }
        var svd = q.TransposeThisAndMultiply(a).Svd(computeVectors: true); // (sketch, features)
        var vt = svd.VT.SubMatrix(0, count, 0, features);
        // Signs as scikit-learn's svd_flip: each component's largest-magnitude entry positive.
        for (int c = 0; c < count; c++)
        {
            int largest = 0;
            for (int j = 1; j < features; j++) if (Math.Abs(vt[c, j]) > Math.Abs(vt[c, largest])) largest = j;
            if (vt[c, largest] < 0) vt.SetRow(c, vt.Row(c).Negate());
        }
        return new TruncatedSvd(vt, [.. svd.S.Take(count)]);
    }

    /// <summary>Each row's coordinates: rows (n × features) · Vₖᵀ → (n × k), row-major.</summary>
    public float[] Transform(ReadOnlySpan<float> rows)
    {
        if (rows.Length % FeatureCount != 0)
            throw new ArgumentException($"expected rows of {FeatureCount} values, received {rows.Length} values");
        int n = rows.Length / FeatureCount;
        var codes = new float[n * Count];
        var row = new double[FeatureCount];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < FeatureCount; j++) row[j] = rows[i * FeatureCount + j];
            for (int c = 0; c < Count; c++)
            {
                double sum = 0;
                for (int j = 0; j < FeatureCount; j++) sum += components[c, j] * row[j];
                codes[i * Count + c] = (float)sum;
            }
        }
        return codes;
    }

    /// <summary>Back from coordinates (n × k) to rows (n × features): the rank-k approximation.</summary>
    public float[] InverseTransform(ReadOnlySpan<float> codes)
    {
        int n = codes.Length / Count;
        var rows = new float[n * FeatureCount];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < FeatureCount; j++)
            {
                double sum = 0;
                for (int c = 0; c < Count; c++) sum += codes[i * Count + c] * components[c, j];
                rows[i * FeatureCount + j] = (float)sum;
            }
        return rows;
    }
}
