
namespace Autoencoders.Data.Ratings;

/// <summary>
/// The strong-generalisation protocol of Liang et al. (WWW 2018, https://arxiv.org/abs/1802.05814) for implicit feedback:
/// ratings above 3.5 are positives (1), users with at least 5 positives are kept, a seeded share of them is held out;
/// the model trains on the other users' rows, and each held-out user's positives are split 80 % fold-in (the model's
/// input) / 20 % to predict. Held-out positives of items no training user has are dropped, as the paper does.
/// </summary>
public sealed class ImplicitSplit
{
    public const float PositiveAbove = 3.5f;
    public const int MinimumPositives = 5;

    private ImplicitSplit(IdIndex users, IdIndex items, RatingMatrix train, RatingMatrix foldIn, RatingMatrix heldOut, int[] heldOutUsers)
    {
        (Users, Items, Train, FoldIn, HeldOut, HeldOutUsers) = (users, items, train, foldIn, heldOut, heldOutUsers);
    }

    public IdIndex Users { get; }

    public IdIndex Items { get; }

    /// <summary>Training users × items, 1 at each positive.</summary>
    public RatingMatrix Train { get; }

    /// <summary>Held-out users × items: the 80 % of their positives the model sees.</summary>
    public RatingMatrix FoldIn { get; }

    /// <summary>Held-out users × items: the 20 % to predict.</summary>
    public RatingMatrix HeldOut { get; }

    /// <summary>The dense user index of each held-out row.</summary>
    public int[] HeldOutUsers { get; }

    /// <summary>Splits the positives of <paramref name="ratings"/> (users × items), holding out <paramref name="heldOutFraction"/> of the kept users.</summary>
    public static ImplicitSplit Create(IdIndex users, IdIndex items, RatingMatrix ratings, double heldOutFraction, ulong seed)
    {
        if (!(heldOutFraction > 0 && heldOutFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(heldOutFraction), $"expected a held-out share of users in (0, 1), received {heldOutFraction}");
        var kept = new List<int>();
        for (int user = 0; user < ratings.Rows; user++)
            if (Positives(ratings, user).Count >= MinimumPositives) kept.Add(user);
        int heldOutCount = (int)Math.Round(heldOutFraction * kept.Count);
        if (heldOutCount < 1 || heldOutCount >= kept.Count)
            throw new InvalidDataException($"the implicit split needs users with at least {MinimumPositives} ratings above {PositiveAbove} to train on and to hold out; {kept.Count} users have them");
        var random = new DeterministicRandom(seed);
        int[] order = [.. kept];
        random.Shuffle(order.AsSpan());
        int[] heldOutUsers = order[..heldOutCount], trainUsers = order[heldOutCount..];
        Array.Sort(heldOutUsers);
        Array.Sort(trainUsers);

        var trainRows = trainUsers.Select(user => Positives(ratings, user)).ToList();
        var itemSeen = new bool[ratings.Columns];
        foreach (var row in trainRows) foreach (int item in row) itemSeen[item] = true;
        var (foldIn, heldOut) = HoldOut(ratings, heldOutUsers, itemSeen, random);
        return new ImplicitSplit(users, items, Binary(trainRows, ratings.Columns), foldIn, heldOut, heldOutUsers);
    }

    /// <summary>Each listed user's positives (of items marked in <paramref name="itemSeen"/>) shuffled and split 80 % fold-in /
    /// 20 % held out (at least one), as rows of two matrices in the order of <paramref name="heldOutUsers"/>.</summary>
    public static (RatingMatrix FoldIn, RatingMatrix HeldOut) HoldOut(RatingMatrix ratings, IReadOnlyList<int> heldOutUsers, bool[] itemSeen, DeterministicRandom random)
    {
        var foldInRows = new List<List<int>>();
        var heldOutRows = new List<List<int>>();
        foreach (int user in heldOutUsers)
        {
            int[] positives = [.. Positives(ratings, user).Where(item => item < itemSeen.Length && itemSeen[item])];
            random.Shuffle(positives.AsSpan());
            int predicted = Math.Min(positives.Length, Math.Max(1, (int)Math.Round(0.2 * positives.Length)));
            heldOutRows.Add([.. positives[..predicted]]);
            foldInRows.Add([.. positives[predicted..]]);
        }
        return (Binary(foldInRows, ratings.Columns), Binary(heldOutRows, ratings.Columns));
    }

    /// <summary>The items <paramref name="user"/> rated above 3.5.</summary>
    public static List<int> Positives(RatingMatrix ratings, int user)
    {
        var positives = new List<int>();
        ReadOnlySpan<int> items = ratings.ColumnsOf(user);
        ReadOnlySpan<float> values = ratings.ValuesOf(user);
        for (int k = 0; k < items.Length; k++)
            if (values[k] > PositiveAbove) positives.Add(items[k]);
        return positives;
    }

    /// <summary>A matrix with a 1 at each listed item of each row.</summary>
    public static RatingMatrix Binary(IReadOnlyList<List<int>> rows, int columns)
    {
        var starts = new int[rows.Count + 1];
        for (int r = 0; r < rows.Count; r++) starts[r + 1] = starts[r] + rows[r].Count;
        var columnIndices = new int[starts[^1]];
        for (int r = 0; r < rows.Count; r++)
        {
            rows[r].CopyTo(columnIndices, starts[r]);
            Array.Sort(columnIndices, starts[r], rows[r].Count);
        }
        var values = new float[columnIndices.Length];
        Array.Fill(values, 1f);
        return new RatingMatrix(rows.Count, columns, starts, columnIndices, values);
    }
}
