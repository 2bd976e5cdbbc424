using Autoencoders.Nn.Baselines;

namespace Autoencoders.Applications.Translation;

/// <summary>
/// Inpainting by PCA projection: principal components fitted on clean training images; for each image, the code c
/// that best explains its visible values, min ‖P(μ + Uᵀc) − Px‖² + λ‖c‖² over the visible values P, then the hidden
/// values taken from μ + Uᵀc. The normal equations use UUᵀ = I: U_V U_Vᵀ = I − U_H U_Hᵀ over the few hidden values, and
/// images with the same hidden pattern (a centre mask: all of them) share one factorisation.
/// </summary>
public sealed class PcaInpainting
{
    private const double Ridge = 1e-3;

    private readonly PrincipalComponents pca;

    public PcaInpainting(PrincipalComponents pca) => this.pca = pca;

    public int Components => pca.Count;

    /// <summary>The images with their hidden values filled in.</summary>
    public float[] Fill(ReadOnlySpan<float> inputs, ReadOnlySpan<bool> hidden)
    {
        int n = pca.FeatureCount, k = pca.Count;
        var outputs = inputs.ToArray();
        ReadOnlySpan<float> u = pca.Components, mean = pca.Mean;
        int[]? pattern = null;
        double[,]? cholesky = null;
        var rhs = new double[k];
        var code = new double[k];
        for (int image = 0; image < inputs.Length / n; image++)
        {
            var mask = hidden.Slice(image * n, n);
            var indices = new List<int>();
            for (int i = 0; i < n; i++)
                if (mask[i]) indices.Add(i);
            int[] hiddenIndices = [.. indices];
            if (hiddenIndices.Length == 0) continue;
            if (pattern is null || !pattern.AsSpan().SequenceEqual(hiddenIndices))
            {
                pattern = hiddenIndices;
                cholesky = Factor(VisibleGram(u, n, k, hiddenIndices));
            }
            var x = inputs.Slice(image * n, n);
            Array.Clear(rhs);
            for (int j = 0; j < k; j++)
            {
                double sum = 0;
                var component = u.Slice(j * n, n);
                for (int i = 0; i < n; i++)
                    if (!mask[i]) sum += component[i] * (x[i] - mean[i]);
                rhs[j] = sum;
            }
            Solve(cholesky!, rhs, code);
            foreach (int i in hiddenIndices)
            {
                double value = mean[i];
                for (int j = 0; j < k; j++) value += code[j] * u[j * n + i];
                outputs[image * n + i] = (float)Math.Clamp(value, 0, 1);
            }
        }
        return outputs;
    }

    private static double[,] VisibleGram(ReadOnlySpan<float> u, int n, int k, int[] hiddenIndices)
    {
        var gram = new double[k, k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b <= a; b++)
            {
                double hiddenPart = 0, all = 0;
                foreach (int i in hiddenIndices) hiddenPart += (double)u[a * n + i] * u[b * n + i];
                if (a == b) all = 1; // the components are orthonormal
                gram[a, b] = gram[b, a] = all - hiddenPart + (a == b ? Ridge : 0);
            }
        return gram;
    }

    /// <summary>The lower Cholesky factor of a symmetric positive definite matrix (the ridge keeps it so).</summary>
    private static double[,] Factor(double[,] a)
    {
        int k = a.GetLength(0);
        var l = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i, j];
                for (int p = 0; p < j; p++) sum -= l[i, p] * l[j, p];
                l[i, j] = i == j ? Math.Sqrt(Math.Max(sum, 1e-12)) : sum / l[j, j];
            }
        return l;
    }

    private static void Solve(double[,] l, double[] b, double[] x)
    {
        int k = b.Length;
        for (int i = 0; i < k; i++)
        {
            double sum = b[i];
            for (int p = 0; p < i; p++) sum -= l[i, p] * x[p];
            x[i] = sum / l[i, i];
        }
        for (int i = k - 1; i >= 0; i--)
        {
            double sum = x[i];
            for (int p = i + 1; p < k; p++) sum -= l[p, i] * x[p];
            x[i] = sum / l[i, i];
        }
    }
}
