using Autoencoders.Applications.Features;
using Autoencoders.Data.Text;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Applications.Text;

/// <summary>
/// k-nearest neighbours by cosine similarity: rows scaled to unit length, where Euclidean order is cosine order, then
/// <see cref="KNearestNeighbors"/> (scikit-learn's brute-force vote; ties to the smallest label).
/// </summary>
public static class CosineNeighbours
{
    /// <summary>The fraction of test rows whose k nearest training rows by cosine vote for their label.</summary>
    public static double Accuracy(float[] trainCodes, int[] trainLabels, float[] testCodes, int[] testLabels, int dimensions, int k = 5,
        IComputeBackend? backend = null) =>
        KNearestNeighbors.Accuracy(Normalized(trainCodes, dimensions), trainLabels, Normalized(testCodes, dimensions), testLabels, dimensions, k, backend);

    /// <summary>The <paramref name="top"/> training rows most similar to <paramref name="query"/>: (row, cosine), most similar first.</summary>
    public static List<(int Row, double Cosine)> Nearest(float[] trainCodes, ReadOnlySpan<float> query, int dimensions, int top)
    {
        float[] rows = Normalized(trainCodes, dimensions), q = Normalized(query.ToArray(), dimensions);
        int count = rows.Length / dimensions;
        var scored = new List<(int Row, double Cosine)>(count);
        for (int i = 0; i < count; i++)
        {
            double dot = 0;
            for (int j = 0; j < dimensions; j++) dot += (double)rows[i * dimensions + j] * q[j];
            scored.Add((i, dot));
        }
        return [.. scored.OrderByDescending(s => s.Cosine).ThenBy(s => s.Row).Take(top)];
    }

    private static float[] Normalized(float[] rows, int dimensions)
    {
        float[] copy = (float[])rows.Clone();
        DocumentVectors.L2Normalize(copy, dimensions);
        return copy;
    }
}
