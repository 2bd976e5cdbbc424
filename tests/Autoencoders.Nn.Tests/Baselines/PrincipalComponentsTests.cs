using Autoencoders.Data;
using Autoencoders.Nn.Baselines;

namespace Autoencoders.Nn.Tests.Baselines;

/// <summary>PCA finds the subspace that exactly low-rank data lies in, largest variance first.</summary>
public sealed class PrincipalComponentsTests
{
    private const int Features = 10, Count = 400;

    // Two orthonormal directions in 10-D: u along features 0–3, v along features 4–7.
    private static readonly float[] U = [0.5f, 0.5f, 0.5f, 0.5f, 0, 0, 0, 0, 0, 0];
    private static readonly float[] V = [0, 0, 0, 0, 0.5f, -0.5f, 0.5f, -0.5f, 0, 0];
    private static readonly float[] Offset = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    /// <summary>Rows offset + a·u + b·v with a ~ U(−3, 3) and b ~ U(−1, 1): exactly 2-D, more variance along u.</summary>
    private static float[] PlaneRows()
    {
        var random = new DeterministicRandom(4);
        var rows = new float[Count * Features];
        for (int i = 0; i < Count; i++)
        {
            float a = 6 * random.NextFloat() - 3, b = 2 * random.NextFloat() - 1;
            for (int j = 0; j < Features; j++) rows[i * Features + j] = Offset[j] + a * U[j] + b * V[j];
        }
        return rows;
    }

    private static double[] ColumnMeans(float[] rows)
    {
        var mean = new double[Features];
        for (int i = 0; i < Count; i++)
            for (int j = 0; j < Features; j++) mean[j] += rows[i * Features + j] / (double)Count;
        return mean;
    }

    /// <summary>Component c's weight on feature j, read back through Transform: the code of mean + e_j.</summary>
    private static float[,] Components(PrincipalComponents pca, double[] mean)
    {
        var components = new float[pca.Count, Features];
        for (int j = 0; j < Features; j++)
        {
            float[] probe = [.. mean.Select(m => (float)m)];
            probe[j] += 1;
            float[] code = pca.Transform(probe);
            for (int c = 0; c < pca.Count; c++) components[c, j] = code[c];
        }
        return components;
    }

    [Fact]
    public void TwoComponentsReconstructPlanarDataExactly()
    {
        float[] rows = PlaneRows();
        var pca = PrincipalComponents.Fit(rows, Features, 2);
        double[] mean = ColumnMeans(rows);
        var components = Components(pca, mean);
        float[] codes = pca.Transform(rows);

        double worst = 0;
        for (int i = 0; i < Count; i++)
            for (int j = 0; j < Features; j++)
            {
                double reconstructed = mean[j] + codes[i * 2] * components[0, j] + codes[i * 2 + 1] * components[1, j];
                worst = Math.Max(worst, Math.Abs(reconstructed - rows[i * Features + j]));
            }
        Assert.True(worst < 1e-4, $"largest reconstruction error {worst}");
    }

    [Fact]
    public void ComponentsAreTheDirectionsInOrderOfVariance()
    {
        float[] rows = PlaneRows();
        var pca = PrincipalComponents.Fit(rows, Features, 3);
        var components = Components(pca, ColumnMeans(rows));

        double Alignment(int c, float[] direction) => Math.Abs(Enumerable.Range(0, Features).Sum(j => (double)components[c, j] * direction[j]));
        // |cos| of the angle to the true direction; not exactly 1 because a sample's a and b are slightly correlated.
        Assert.InRange(Alignment(0, U), 0.999, 1.0001);
        Assert.InRange(Alignment(1, V), 0.999, 1.0001);
        // Variances of U(−3, 3) and U(−1, 1) are 3 and 1/3; nothing is left for a third direction.
        Assert.Equal(3.0, pca.ExplainedVariance[0], 0.3);
        Assert.Equal(1 / 3.0, pca.ExplainedVariance[1], 0.05);
        Assert.True(Math.Abs(pca.ExplainedVariance[2]) < 1e-6, $"third variance {pca.ExplainedVariance[2]}");
    }

    [Fact]
    public void ExplainedVarianceIsTheVarianceOfEachCode()
    {
        float[] rows = PlaneRows();
        var pca = PrincipalComponents.Fit(rows, Features, 2);
        float[] codes = pca.Transform(rows);

        for (int c = 0; c < 2; c++)
        {
            double mean = Enumerable.Range(0, Count).Average(i => (double)codes[i * 2 + c]);
            double variance = Enumerable.Range(0, Count).Sum(i => Math.Pow(codes[i * 2 + c] - mean, 2)) / (Count - 1);
            Assert.Equal(pca.ExplainedVariance[c], variance, 1e-4 * variance);
            Assert.True(Math.Abs(mean) < 1e-4, $"codes along component {c} have mean {mean}");
        }
        Assert.True(pca.ExplainedVariance[0] > pca.ExplainedVariance[1]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Features + 1)]
    public void ComponentCountMustFitTheFeatures(int count)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PrincipalComponents.Fit(PlaneRows(), Features, count));

        Assert.Contains($"received {count}", error.Message);
    }

    [Fact]
    public void OneRowIsTooFew()
    {
        var error = Assert.Throws<ArgumentException>(() => PrincipalComponents.Fit(new float[Features], Features, 1));

        Assert.Contains("at least 2 rows", error.Message);
    }

    [Fact]
    public void InverseTransformRebuildsPlanarDataFromTwoCodes()
    {
        float[] rows = PlaneRows();
        var pca = PrincipalComponents.Fit(rows, Features, 2);

        float[] rebuilt = pca.InverseTransform(pca.Transform(rows));

        Assert.Equal(rows.Length, rebuilt.Length);
        double worst = rows.Zip(rebuilt, (a, b) => Math.Abs((double)a - b)).Max();
        Assert.True(worst < 1e-4, $"largest reconstruction error {worst}");
    }

    [Fact]
    public void OneComponentLosesExactlyTheSecondDirectionsVariance()
    {
        // The mean squared error per row of a rank-1 reconstruction is the variance left out, ≈ 1/3 (b ~ U(−1, 1)),
        // spread over the features, up to the (n − 1)/n of a sample variance.
        float[] rows = PlaneRows();
        var pca = PrincipalComponents.Fit(rows, Features, 1);

        float[] rebuilt = pca.InverseTransform(pca.Transform(rows));

        double squaredErrorPerRow = rows.Zip(rebuilt, (a, b) => Math.Pow((double)a - b, 2)).Sum() / Count;
        var full = PrincipalComponents.Fit(rows, Features, 2);
        Assert.Equal(full.ExplainedVariance[1] * (Count - 1) / Count, squaredErrorPerRow, 1e-3);
    }

    [Fact]
    public void TruncatingIsFittingFewerComponents()
    {
        float[] rows = PlaneRows();
        var three = PrincipalComponents.Fit(rows, Features, 3);
        var one = PrincipalComponents.Fit(rows, Features, 1);

        var truncated = three.Truncate(1);

        Assert.Equal(1, truncated.Count);
        Assert.Equal(one.Transform(rows), truncated.Transform(rows));
        Assert.Equal(one.ExplainedVariance[0], truncated.ExplainedVariance[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => three.Truncate(4));
    }

    [Fact]
    public void CodesOfTheWrongLengthAreRejected()
    {
        var pca = PrincipalComponents.Fit(PlaneRows(), Features, 2);

        var error = Assert.Throws<ArgumentException>(() => pca.InverseTransform(new float[3]));

        Assert.Contains("expected codes of 2 values", error.Message);
    }
}
