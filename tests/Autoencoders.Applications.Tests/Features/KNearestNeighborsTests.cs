using Autoencoders.Applications.Features;
using Autoencoders.Data;

namespace Autoencoders.Applications.Tests.Features;

public sealed class KNearestNeighborsTests
{
    [Theory]
    [InlineData(1, 0f)]
    [InlineData(2, 0f)]
    [InlineData(4, 0f)]
    [InlineData(5, 0f)]
    [InlineData(9, 0f)]
    [InlineData(5, 1000f)] // far from the origin: centring keeps the float32 distances exact enough
    public void Predict_MatchesABruteForceLoopInDouble(int k, float offset)
    {
        // 437 training rows (not a multiple of any vector width), 600 test rows (3 blocks, the last one partial).
        const int dimensions = 7, trainCount = 437, testCount = 600;
        var random = new DeterministicRandom(11);
        float[] train = Gaussian(random, trainCount * dimensions, offset), test = Gaussian(random, testCount * dimensions, offset);
        int[] labels = [.. Enumerable.Range(0, trainCount).Select(_ => random.NextInt(4))];

        int[] predicted = KNearestNeighbors.Predict(train, labels, test, dimensions, k);

        Assert.Equal(NaivePredict(train, labels, test, dimensions, k), predicted);
        Assert.Equal(4, predicted.Distinct().Count());
    }

    [Fact]
    public void Predict_BreaksDistanceTiesByIndexAndVoteTiesByTheSmallestLabel()
    {
        // Every base row appears three times (rows r, r + 50, r + 100) with labels 2, 0, 1; each query sits next to a
        // base row, so its three nearest rows are the copies, at exactly equal distance.
        const int dimensions = 6, baseCount = 50;
        var random = new DeterministicRandom(5);
        float[] bases = Gaussian(random, baseCount * dimensions, 0f);
        float[] train = [.. bases, .. bases, .. bases];
        int[] labels = [.. Enumerable.Repeat(2, baseCount), .. Enumerable.Repeat(0, baseCount), .. Enumerable.Repeat(1, baseCount)];
        float[] queries = [.. bases.Select(value => value + 0.01f * random.NextGaussian())];

        Assert.All(KNearestNeighbors.Predict(train, labels, queries, dimensions, k: 1), label => Assert.Equal(2, label)); // lowest index
        Assert.All(KNearestNeighbors.Predict(train, labels, queries, dimensions, k: 2), label => Assert.Equal(0, label)); // 2 vs 0: tie
        Assert.All(KNearestNeighbors.Predict(train, labels, queries, dimensions, k: 3), label => Assert.Equal(0, label)); // 2, 0, 1: tie
        Assert.Equal(NaivePredict(train, labels, queries, dimensions, 2), KNearestNeighbors.Predict(train, labels, queries, dimensions, k: 2));
    }

    [Fact]
    public void Accuracy_OnHandComputedPoints()
    {
        // 1-D: training points 0, 1, 2, 10, 11 with labels 0, 0, 1, 1, 1.
        float[] train = [0, 1, 2, 10, 11];
        int[] labels = [0, 0, 1, 1, 1];
        // 1.4: nearest 1, 2, 0 → labels 0, 1, 0 → 0. 9: nearest 10, 11, 2 → 1. 5.9: nearest 2 (3.9), 10 (4.1), 1 (4.9) → 1, 1, 0 → 1.
        float[] test = [1.4f, 9f, 5.9f];

        Assert.Equal([0, 1, 1], KNearestNeighbors.Predict(train, labels, test, dimensions: 1, k: 3));
        Assert.Equal(2.0 / 3, KNearestNeighbors.Accuracy(train, labels, test, [0, 1, 0], dimensions: 1, k: 3), 12);
        // k = 2 around 1: the points 0 (label 2) and 3 (label 1) get one vote each, and the smaller label wins
        // although label 2 is nearer (scikit-learn's mode).
        Assert.Equal([1], KNearestNeighbors.Predict([0f, 3f], [2, 1], [1f], dimensions: 1, k: 2));
        Assert.Equal([2], KNearestNeighbors.Predict([0f, 3f], [2, 1], [1f], dimensions: 1, k: 1));
    }

    [Fact]
    public void Predict_RejectsBadInput()
    {
        float[] train = [0, 0, 1, 1, 2, 2];
        int[] labels = [0, 1, 0];
        Assert.Contains("k from 1 to the 3 training rows", Assert.Throws<ArgumentOutOfRangeException>(() => KNearestNeighbors.Predict(train, labels, [0, 0], 2, k: 4)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => KNearestNeighbors.Predict(train, labels, [0, 0], 2, k: 0));
        Assert.Contains("expected 3 training labels", Assert.Throws<ArgumentException>(() => KNearestNeighbors.Predict(train, [0, 1], [0, 0], 2, k: 1)).Message);
        Assert.Contains("whole rows of 2 values, received 3", Assert.Throws<ArgumentException>(() => KNearestNeighbors.Predict(train, labels, [0, 0, 0], 2, k: 1)).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => KNearestNeighbors.Predict(train, labels, [0, float.NaN], 2, k: 1)).Message);
        Assert.Contains("expected 1 test labels", Assert.Throws<ArgumentException>(() => KNearestNeighbors.Accuracy(train, labels, [0, 0], [0, 1], 2, k: 1)).Message);
    }

    private static float[] Gaussian(DeterministicRandom random, int count, float offset)
    {
        var values = new float[count];
        random.FillGaussian(values, offset, 1f);
        return values;
    }

    /// <summary>The definition, in double: sort every training row by (distance, index), vote among the first k.</summary>
    private static int[] NaivePredict(float[] train, int[] labels, float[] test, int dimensions, int k)
    {
        int trainCount = train.Length / dimensions, testCount = test.Length / dimensions;
        var predictions = new int[testCount];
        var neighbours = new (double Distance, int Index)[trainCount];
        for (int q = 0; q < testCount; q++)
        {
            for (int j = 0; j < trainCount; j++)
            {
                double sum = 0;
                for (int c = 0; c < dimensions; c++)
                {
                    double difference = (double)test[q * dimensions + c] - train[j * dimensions + c];
                    sum += difference * difference;
                }
                neighbours[j] = (sum, j);
            }
            Array.Sort(neighbours); // tuples compare by distance, then by index
            predictions[q] = neighbours.Take(k).GroupBy(pair => labels[pair.Index])
                .OrderByDescending(group => group.Count()).ThenBy(group => group.Key).First().Key;
        }
        return predictions;
    }
}
