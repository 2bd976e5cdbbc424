
namespace Autoencoders.Data.Ratings;

/// <summary>
/// Explicit ratings split into a training matrix (users × items) and test triples: AutoRec's protocol, a seeded
/// random 90/10 split of the ratings, or a given test file (as ML-100K ships u1.base / u1.test). Users and items
/// index both; those with no training rating are predicted by the baselines' fallback (<see cref="UnseenIn"/>).
/// </summary>
public sealed class ExplicitSplit
{
    private ExplicitSplit(IdIndex users, IdIndex items, RatingMatrix train, RatingTriples test, RatingScale scale)
    {
        (Users, Items, Train, Test, Scale) = (users, items, train, test, scale);
    }

    public IdIndex Users { get; }

    public IdIndex Items { get; }

    /// <summary>users × items, over every id of both files.</summary>
    public RatingMatrix Train { get; }

    public RatingTriples Test { get; }

    public RatingScale Scale { get; }

    /// <summary>A seeded random split: each rating goes to the test side with probability <paramref name="testFraction"/>
    /// (exactly round(fraction × count) ratings, chosen by a seeded shuffle, so the same seed gives the same split everywhere).</summary>
    public static ExplicitSplit Random(RatingLog log, double testFraction, ulong seed)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), $"expected a test fraction in (0, 1), received {testFraction}");
        var order = Enumerable.Range(0, log.Count).ToArray();
        new DeterministicRandom(seed).Shuffle(order.AsSpan());
        int testCount = (int)Math.Round(testFraction * log.Count);
        int[] test = order[..testCount], train = order[testCount..];
        Array.Sort(test);
        Array.Sort(train);
        return new ExplicitSplit(log.Users, log.Items, log.ToMatrix(train), RatingTriples.From(log, test), log.Scale);
    }

    /// <summary>The whole of <paramref name="train"/> for training, <paramref name="test"/> (read over the same ids) to test.</summary>
    public static ExplicitSplit Given(RatingLog train, RatingLog test)
    {
        if (!ReferenceEquals(train.Users, test.Users) || !ReferenceEquals(train.Items, test.Items))
            throw new ArgumentException("expected the test file to be read over the training file's ids");
        // Rebuilt over the final id counts: the test file may have added users and items that have no training rating.
        return new ExplicitSplit(train.Users, train.Items, train.ToMatrix(), RatingTriples.From(test), train.Scale);
    }

    /// <summary>
    /// A seeded share of the training ratings carved out as a validation side, the rest as its training side, over the
    /// same ids: where a model's settings are chosen without ever looking at <see cref="Test"/>.
    /// </summary>
    public ExplicitSplit Validation(double fraction, ulong seed)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), $"expected a validation fraction in (0, 1), received {fraction}");
        var users = new int[Train.Count];
        for (int user = 0; user < Train.Rows; user++)
            users.AsSpan(Train.RowStarts[user], Train.CountOf(user)).Fill(user);
        var order = Enumerable.Range(0, Train.Count).ToArray();
        new DeterministicRandom(seed).Shuffle(order.AsSpan());
        int[] held = order[..(int)Math.Round(fraction * Train.Count)], kept = order[held.Length..];
        Array.Sort(held);
        Array.Sort(kept);
        RatingTriples Pick(int[] positions) => new(
            [.. positions.Select(k => users[k])], [.. positions.Select(k => Train.ColumnIndices[k])], [.. positions.Select(k => Train.Values[k])]);
        RatingTriples keptTriples = Pick(kept);
        RatingMatrix train = RatingMatrix.FromTriples(Train.Rows, Train.Columns, keptTriples.Users, keptTriples.Items, keptTriples.Ratings,
            (_, _) => new InvalidOperationException("a training matrix cannot repeat a cell"));
        return new ExplicitSplit(Users, Items, train, Pick(held), Scale);
    }

    /// <summary>How many test ratings have a user or an item with no training rating (predicted by the fallback).</summary>
    public int UnseenIn(RatingTriples triples)
    {
        RatingMatrix byItem = itemsByUsers ??= Train.Transpose();
        int unseen = 0;
        for (int k = 0; k < triples.Count; k++)
            if (triples.Users[k] >= Train.Rows || Train.CountOf(triples.Users[k]) == 0
                || triples.Items[k] >= byItem.Rows || byItem.CountOf(triples.Items[k]) == 0)
                unseen++;
        return unseen;
    }

    // The training matrix by item, made on first use: an item's training ratings are a row of it.
    private RatingMatrix? itemsByUsers;
}
