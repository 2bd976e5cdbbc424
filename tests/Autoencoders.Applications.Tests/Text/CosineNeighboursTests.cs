using Autoencoders.Applications.Text;
using Autoencoders.Data.Text;

namespace Autoencoders.Applications.Tests.Text;

public sealed class CosineNeighboursTests
{
    // Direction, not length, decides: (10, 0) is nearer (1, 0.1) by cosine than (0.9, 0.9) is, although farther in Euclid.
    private static readonly float[] Train = [10f, 0f, 0.9f, 0.9f, 0f, 5f];

    [Fact]
    public void NearestRanksByCosine()
    {
        var nearest = CosineNeighbours.Nearest(Train, [1f, 0.1f], 2, 3);
        Assert.Equal([0, 1, 2], nearest.Select(n => n.Row));
        Assert.Equal(1 / Math.Sqrt(1.01), nearest[0].Cosine, 5);
    }

    [Fact]
    public void AccuracyVotesAmongCosineNeighbours()
    {
        // Labels by direction: class 0 along x, class 1 along y; the test rows are long and short versions of each.
        float[] train = [1f, 0f, 2f, 0.1f, 3f, -0.1f, 0f, 1f, 0.1f, 2f, -0.1f, 3f];
        int[] labels = [0, 0, 0, 1, 1, 1];
        Assert.Equal(1.0, CosineNeighbours.Accuracy(train, labels, [100f, 1f, 0.01f, 0.5f], [0, 1], 2, k: 3));
    }

    [Fact]
    public void LsaSeparatesTopicsThatShareNoWords()
    {
        string[] texts = ["cat dog cow", "dog cow pig", "cat pig cow", "pig dog cat", "car bus tram", "bus tram bike", "car bike bus", "tram car bike"];
        var corpus = new TextCorpus(texts, [0, 0, 0, 0, 1, 1, 1, 1], ["animals", "transport"], "test");
        var split = new TextSplit(corpus.Subset([0, 1, 2, 4, 5, 6]), corpus.Subset([3, 7]));
        var row = TextComparison.Lsa(split, code: 2, vocabulary: 100, seed: 0);
        Assert.Equal("lsa", row.Model);
        Assert.Equal(1.0, row.KnnAccuracy);
    }
}
