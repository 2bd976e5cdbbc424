namespace Autoencoders.Data.Ratings;

/// <summary>(user, item, rating) triples over dense indices: a test split, to predict one by one.</summary>
public sealed record RatingTriples(int[] Users, int[] Items, float[] Ratings)
{
    public int Count => Ratings.Length;

    /// <summary>The triples of <paramref name="log"/> at <paramref name="positions"/> (all when null).</summary>
    public static RatingTriples From(RatingLog log, int[]? positions = null)
    {
        positions ??= Enumerable.Range(0, log.Count).ToArray();
        var users = new int[positions.Length];
        var items = new int[positions.Length];
        var ratings = new float[positions.Length];
        for (int k = 0; k < positions.Length; k++)
            (users[k], items[k], ratings[k]) = (log.UserOf[positions[k]], log.ItemOf[positions[k]], log.RatingOf[positions[k]]);
        return new RatingTriples(users, items, ratings);
    }
}
