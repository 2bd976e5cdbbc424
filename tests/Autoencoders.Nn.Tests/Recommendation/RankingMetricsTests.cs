using Autoencoders.Data.Ratings;
using Autoencoders.Nn.Recommendation;

namespace Autoencoders.Nn.Tests.Recommendation;

/// <summary>Recall@R and NDCG@R as Liang et al. define them, on rankings worked out by hand.</summary>
public sealed class RankingMetricsTests
{
    [Fact]
    public void RecallAndNdcgOfAHandRanking()
    {
        // One user, 6 items. Fold-in: item 0 (never ranked). Held out: items 2 and 5.
        // Scores rank (excluding 0): 1, 2, 3, 4, 5 → item 2 at rank 2, item 5 at rank 5.
        RatingMatrix foldIn = ImplicitSplit.Binary([[0]], 6), heldOut = ImplicitSplit.Binary([[2, 5]], 6);
        float[] scores = [9f, 6f, 5f, 4f, 3f, 2f];
        RankingMetrics metrics = RankingMetrics.Measure(foldIn, heldOut, (_, _) => [.. scores]);
        Assert.Equal(1, metrics.Users);
        Assert.Equal(1.0, metrics.Recall20, 10); // both in the top 20; min(20, 2) = 2
        double dcg = 1 / Math.Log2(3) + 1 / Math.Log2(6), ideal = 1 + 1 / Math.Log2(3);
        Assert.Equal(dcg / ideal, metrics.Ndcg100, 10);
    }

    [Fact]
    public void RecallDividesByTheSmallerOfTheCutoffAndTheHeldOutCount()
    {
        // 30 held-out items, of which the top 20 scores hold 10: Recall@20 = 10 / min(20, 30).
        int items = 60;
        var held = Enumerable.Range(0, 30).Select(i => i * 2).ToList(); // even items
        float[] scores = [.. Enumerable.Range(0, items).Select(i => (float)(items - i))]; // item 0 best
        RankingMetrics metrics = RankingMetrics.Measure(ImplicitSplit.Binary([[]], items), ImplicitSplit.Binary([held], items), (_, _) => [.. scores]);
        Assert.Equal(10 / 20.0, metrics.Recall20, 10);
        Assert.Equal(25 / 30.0, metrics.Recall50, 10);
    }

    [Fact]
    public void TopItemsAreBestFirstWithTiesToTheLowerIndex()
    {
        Assert.Equal([3, 1, 2], RankingMetrics.TopItems([0f, 5f, 5f, 7f, 1f], 3));
    }
}
