using Autoencoders.Data.Ratings;

namespace Autoencoders.Nn.Recommendation;

/// <summary>
/// Ranking metrics as Liang et al. (WWW 2018, §4.2) define them, averaged over held-out users with at least one item to
/// predict; fold-in items are never ranked. Recall@R = |top-R ∩ held-out| / min(R, |held-out|) (so that 1 is reachable);
/// NDCG@R = DCG@R / IDCG@R with DCG@R = Σ_{r=1..R} [item at rank r held out] / log₂(r + 1).
/// </summary>
public sealed record RankingMetrics(double Recall20, double Recall50, double Ndcg100, int Users)
{
    /// <summary>Scores the held-out users: <paramref name="scores"/> gives a (count, items) block of scores for rows
    /// [start, start + count) of <paramref name="foldIn"/>.</summary>
    public static RankingMetrics Measure(RatingMatrix foldIn, RatingMatrix heldOut, Func<int, int, float[]> scores, int batchSize = 256)
    {
        double recall20 = 0, recall50 = 0, ndcg100 = 0;
        int users = 0, items = foldIn.Columns;
        for (int start = 0; start < foldIn.Rows; start += batchSize)
        {
            int count = Math.Min(batchSize, foldIn.Rows - start);
            float[] block = scores(start, count);
            for (int i = 0; i < count; i++)
            {
                int row = start + i;
                ReadOnlySpan<int> truth = heldOut.ColumnsOf(row);
                if (truth.IsEmpty) continue;
                Span<float> rowScores = block.AsSpan(i * items, items);
                foreach (int seen in foldIn.ColumnsOf(row)) rowScores[seen] = float.NegativeInfinity;
                int[] top = TopItems(rowScores, 100);
                recall20 += Recall(top, truth, 20);
                recall50 += Recall(top, truth, 50);
                ndcg100 += Ndcg(top, truth, 100);
                users++;
            }
        }
        int n = Math.Max(1, users);
        return new RankingMetrics(recall20 / n, recall50 / n, ndcg100 / n, users);
    }

    /// <summary>The indices of the <paramref name="count"/> highest scores, best first (ties to the lower index).</summary>
    public static int[] TopItems(ReadOnlySpan<float> scores, int count)
    {
        count = Math.Min(count, scores.Length);
        var best = new PriorityQueue<int, (float, int)>(count + 1, Comparer<(float Score, int Item)>.Create((a, b) =>
            a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Item.CompareTo(a.Item)));
        for (int item = 0; item < scores.Length; item++)
        {
            best.Enqueue(item, (scores[item], item));
            if (best.Count > count) best.Dequeue();
        }
        var top = new int[best.Count];
        for (int i = top.Length - 1; i >= 0; i--) top[i] = best.Dequeue();
        return top;
    }

    private static double Recall(int[] top, ReadOnlySpan<int> truth, int cutoff)
    {
        int hits = 0;
        for (int r = 0; r < Math.Min(cutoff, top.Length); r++)
            if (truth.BinarySearch(top[r]) >= 0) hits++;
        return hits / (double)Math.Min(cutoff, truth.Length);
    }

    private static double Ndcg(int[] top, ReadOnlySpan<int> truth, int cutoff)
    {
        double dcg = 0, ideal = 0;
        for (int r = 0; r < Math.Min(cutoff, top.Length); r++)
            if (truth.BinarySearch(top[r]) >= 0) dcg += 1 / Math.Log2(r + 2);
        for (int r = 0; r < Math.Min(cutoff, truth.Length); r++) ideal += 1 / Math.Log2(r + 2);
        return dcg / ideal;
    }
}
