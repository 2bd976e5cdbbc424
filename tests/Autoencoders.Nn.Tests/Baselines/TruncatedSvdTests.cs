using Autoencoders.Data;
using Autoencoders.Nn.Baselines;

namespace Autoencoders.Nn.Tests.Baselines;

public sealed class TruncatedSvdTests
{
    /// <summary>200 × 50 rows of rank 3 plus small noise: singular values known from the construction.</summary>
    private static float[] LowRank(out int features)
    {
        features = 50;
        var random = new DeterministicRandom(3);
        double[][] basis = [.. Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 50).Select(_ => (double)random.NextGaussian()).ToArray())];
        var rows = new float[200 * 50];
        for (int i = 0; i < 200; i++)
        {
            double[] weights = [10 * random.NextGaussian(), 5 * random.NextGaussian(), 2 * random.NextGaussian()];
            for (int j = 0; j < 50; j++)
                rows[i * 50 + j] = (float)(weights[0] * basis[0][j] + weights[1] * basis[1][j] + weights[2] * basis[2][j] + 0.01 * random.NextGaussian());
        }
        return rows;
    }

    [Fact]
    public void MatchesTheExactSingularValuesOfALowRankMatrix()
    {
        float[] rows = LowRank(out int features);
        var exact = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(200, features, (i, j) => rows[i * features + j]).Svd(false).S;
        var svd = TruncatedSvd.Fit(rows, features, 3);
        for (int c = 0; c < 3; c++) Assert.Equal(exact[c], svd.SingularValues[c], exact[c] * 1e-6);
    }

    [Fact]
    public void ThreeComponentsRebuildARankThreeMatrix()
    {
        float[] rows = LowRank(out int features);
        var svd = TruncatedSvd.Fit(rows, features, 3);
        float[] rebuilt = svd.InverseTransform(svd.Transform(rows));
        double error = 0, energy = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            error += Math.Pow(rows[i] - rebuilt[i], 2);
            energy += Math.Pow(rows[i], 2);
        }
        Assert.True(error / energy < 1e-5, $"relative error {error / energy}");
    }
}
