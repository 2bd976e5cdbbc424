using Autoencoders.Data.Ratings;

namespace Autoencoders.Nn.Recommendation;

/// <summary>The ranking baseline: every user gets the items ranked by how many training users have them as positives.</summary>
public sealed class PopularityRanker(RatingMatrix train)
{
    private readonly float[] counts = Count(train);

    /// <summary>The same popularity scores for each of <paramref name="rows"/> rows, (rows, items).</summary>
    public float[] Scores(int rows)
    {
        var block = new float[rows * counts.Length];
        for (int row = 0; row < rows; row++) counts.CopyTo(block, row * counts.Length);
        return block;
    }

    private static float[] Count(RatingMatrix train)
    {
        var counts = new float[train.Columns];
        foreach (int item in train.ColumnIndices) counts[item]++;
        return counts;
    }
}
