namespace Autoencoders.Data.Ratings;

/// <summary>
/// The ratings of one file as (user, item, rating) triples over dense indices, with the line each came from
/// (for error messages), checked: no repeated (user, item) pair, every rating on the scale.
/// </summary>
public sealed class RatingLog
{
    internal RatingLog(string path, IdIndex users, IdIndex items, int[] userOf, int[] itemOf, float[] ratingOf, int[] lineOf, RatingScale scale)
    {
        (Path, Users, Items, UserOf, ItemOf, RatingOf, LineOf, Scale) = (path, users, items, userOf, itemOf, ratingOf, lineOf, scale);
    }

    public string Path { get; }

    public IdIndex Users { get; }

    public IdIndex Items { get; }

    public int[] UserOf { get; }

    public int[] ItemOf { get; }

    public float[] RatingOf { get; }

    public int[] LineOf { get; }

    public RatingScale Scale { get; }

    public int Count => RatingOf.Length;

    /// <summary>The users × items matrix of the triples at <paramref name="positions"/> (all when null).</summary>
    public RatingMatrix ToMatrix(int[]? positions = null)
    {
        if (positions is null)
            return RatingMatrix.FromTriples(Users.Count, Items.Count, UserOf, ItemOf, RatingOf, Duplicate);
        var users = new int[positions.Length];
        var items = new int[positions.Length];
        var ratings = new float[positions.Length];
        for (int k = 0; k < positions.Length; k++)
            (users[k], items[k], ratings[k]) = (UserOf[positions[k]], ItemOf[positions[k]], RatingOf[positions[k]]);
        return RatingMatrix.FromTriples(Users.Count, Items.Count, users, items, ratings, (a, b) => Duplicate(positions[a], positions[b]));
    }

    internal Exception Duplicate(int first, int second) => DataErrors.Invalid(Path,
        $"line {LineOf[second]}: user {Users[UserOf[second]]} rated item {Items[ItemOf[second]]} already on line {LineOf[first]}; expected one rating per (user, item) pair");
}
