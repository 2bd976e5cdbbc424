namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>Row-major C(m×n) = alpha · op(A) · op(B) + beta · C on plain arrays, as a GEMM under test computes it.</summary>
internal delegate void GemmFunction(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
    float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc);

/// <summary>The outcome of <see cref="CpuBackend.CheckGemm"/>: how many GEMMs were compared with a double-precision
/// reference, the largest error as a fraction of the allowed one, and the first element out of bounds (null if none).</summary>
public sealed record GemmCheckResult(int Cases, double WorstErrorRatio, string? FirstFailure)
{
    public bool Passed => FirstFailure is null;

    public override string ToString() => Passed
        ? $"passed: {Cases} GEMMs against a double-precision reference, largest error {WorstErrorRatio:0.###} of the allowed"
        : $"FAILED: {FirstFailure} ({Cases} GEMMs checked)";
}

/// <summary>
/// Compares a GEMM with a double-precision reference. The bound is the classic one for a sum of k products in
/// float32, whatever its order or blocking: |error| ≤ γ · (|alpha| · Σₚ |a·b| + |beta · c|) with γ = (k + 4) · 2⁻²⁴
/// (one rounding per product and per addition, plus alpha, beta and the final sum). A kernel that rounds to less
/// than float32, reads the wrong element or drops a term is far outside it.
/// </summary>
internal static class GemmSelfCheck
{
    private const double UnitRoundoff = 1.0 / (1 << 24);

    /// <summary>Either side of the SIMD widths and register tiles (1, 7, 17, 63, 65) and of K blocks (257).</summary>
    public static readonly int[] AwkwardSizes = [1, 7, 17, 63, 65, 257];

    /// <summary>A few shapes, for the check when OpenBLAS loads: milliseconds.</summary>
    public static readonly (int M, int N, int K)[] Quick = [(1, 1, 1), (7, 17, 63), (65, 33, 257), (63, 65, 17)];

    /// <summary>Every combination of <see cref="AwkwardSizes"/>: under a second.</summary>
    public static IEnumerable<(int M, int N, int K)> Thorough =>
        from m in AwkwardSizes from n in AwkwardSizes from k in AwkwardSizes select (m, n, k);

    /// <summary>Each shape with all four transposes, alpha 0.75 and beta −0.5; square shapes again with beta 0 over a C
    /// full of NaN, which must not leak through as 0 · NaN.</summary>
    public static GemmCheckResult Run(GemmFunction gemm, IEnumerable<(int M, int N, int K)> shapes)
    {
        int cases = 0;
        double worst = 0;
        foreach (var (m, n, k) in shapes)
            foreach (bool transposeA in new[] { false, true })
                foreach (bool transposeB in new[] { false, true })
                {
                    var variants = m == n && n == k ? new[] { (0.75f, -0.5f), (1.25f, 0f) } : new[] { (0.75f, -0.5f) };
                    foreach (var (alpha, beta) in variants)
                    {
                        cases++;
                        string? failure = Case(gemm, m, n, k, transposeA, transposeB, alpha, beta, ref worst);
                        if (failure is not null) return new GemmCheckResult(cases, worst, failure);
                    }
                }
        return new GemmCheckResult(cases, worst, null);
    }

    private static string? Case(GemmFunction gemm, int m, int n, int k, bool transposeA, bool transposeB, float alpha, float beta, ref double worst)
    {
        var random = new Random(HashCode.Combine(m, n, k, transposeA, transposeB));
        float[] a = Uniform(random, m * k), b = Uniform(random, k * n), c = Uniform(random, m * n);
        if (beta == 0f) Array.Fill(c, float.NaN);
        float[] initial = (float[])c.Clone();
        // op(A) is m × k: A is stored (k, m) when transposed; likewise B.
        gemm(transposeA, transposeB, m, n, k, alpha, a, transposeA ? m : k, b, transposeB ? k : n, beta, c, n);

        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                var (expected, allowed) = Reference(a, b, initial, m, n, k, transposeA, transposeB, alpha, beta, i, j);
                double error = Math.Abs(c[i * n + j] - expected);
                if (!(error <= allowed))
                    return $"m={m} n={n} k={k} transposeA={transposeA} transposeB={transposeB} alpha={alpha} beta={beta}: " +
                           $"C[{i}, {j}] is {c[i * n + j]:G9}, expected {expected:G9} (allowed difference {allowed:G3})";
                worst = Math.Max(worst, error / allowed);
            }
        return null;
    }

    /// <summary>C[i, j] in double, and the most a float32 GEMM may differ from it (the bound in the class remarks).
    /// A is stored (k, m) when transposed, B (n, k); <paramref name="c"/> is C before the GEMM.</summary>
    internal static (double Expected, double Allowed) Reference(float[] a, float[] b, float[] c, int m, int n, int k,
        bool transposeA, bool transposeB, float alpha, float beta, int i, int j)
    {
        double sum = 0, scale = 0;
        for (int p = 0; p < k; p++)
        {
            double product = (double)(transposeA ? a[p * m + i] : a[i * k + p]) * (transposeB ? b[j * k + p] : b[p * n + j]);
            sum += product;
            scale += Math.Abs(product);
        }
        double start = beta == 0f ? 0 : beta * (double)c[i * n + j];
        double allowed = (k + 4) * UnitRoundoff * (Math.Abs(alpha) * scale + Math.Abs(start)) + double.Epsilon;
        return (alpha * sum + start, allowed);
    }

    private static float[] Uniform(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = 2f * random.NextSingle() - 1f;
        return values;
    }
}
