using Autoencoders.Data;

namespace Autoencoders.Nn.Tests;

/// <summary>Samples that lie exactly in a low-dimensional subspace, so a small autoencoder can reconstruct them well.</summary>
public static class LowRankData
{
    /// <summary>
    /// <paramref name="count"/> rows of <paramref name="features"/> values: x = c · B with B (rank, features)
    /// and c (count, rank) drawn uniformly from [0, 1] and c scaled by 1/rank, so every value lies in [0, 1].
    /// </summary>
    public static Dataset Create(int count = 500, int features = 20, int rank = 3, ulong seed = 7)
    {
        var random = new DeterministicRandom(seed);
        var basis = new float[rank * features];
        random.FillUniform(basis, 0f, 1f);
        var rows = new float[count * features];
        var coefficients = new float[rank];
        for (int i = 0; i < count; i++)
        {
            random.FillUniform(coefficients, 0f, 1f / rank);
            for (int k = 0; k < rank; k++)
                for (int j = 0; j < features; j++)
                    rows[i * features + j] += coefficients[k] * basis[k * features + j];
        }
        return new Dataset(rows, features);
    }
}
