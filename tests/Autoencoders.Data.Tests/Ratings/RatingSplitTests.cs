using Autoencoders.Data.Ratings;

namespace Autoencoders.Data.Tests.Ratings;

/// <summary>The seeded 90/10 split, a given test file, and the strong-generalisation split of implicit feedback.</summary>
public sealed class RatingSplitTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private RatingLog Synthetic(int users = 200, int items = 300)
    {
        new SyntheticRatings { Users = users, Items = items, Density = 0.05, Seed = 3 }.WriteTo(folder.Path);
        return RatingsFileReader.Read(folder.File("ratings.csv"));
    }

    [Fact]
    public void TheRandomSplitHoldsOutATenthOfTheRatingsTheSameWayForTheSameSeed()
    {
        RatingLog log = Synthetic();
        ExplicitSplit split = ExplicitSplit.Random(log, 0.1, seed: 5), again = ExplicitSplit.Random(log, 0.1, seed: 5), other = ExplicitSplit.Random(log, 0.1, seed: 6);
        Assert.Equal((int)Math.Round(0.1 * log.Count), split.Test.Count);
        Assert.Equal(log.Count, split.Train.Count + split.Test.Count);
        Assert.Equal(split.Test.Items, again.Test.Items);
        Assert.NotEqual(split.Test.Items, other.Test.Items);
        for (int k = 0; k < split.Test.Count; k++) // a test rating is never also a training rating
            Assert.Null(split.Train.Find(split.Test.Users[k], split.Test.Items[k]));
    }

    [Fact]
    public void TheValidationCarveSplitsTheTrainingRatingsOnlyAndTheSameWayForTheSameSeed()
    {
        ExplicitSplit split = ExplicitSplit.Random(Synthetic(), 0.1, seed: 5);
        ExplicitSplit validation = split.Validation(0.1, seed: 7), again = split.Validation(0.1, seed: 7);
        Assert.Equal((int)Math.Round(0.1 * split.Train.Count), validation.Test.Count);
        Assert.Equal(split.Train.Count, validation.Train.Count + validation.Test.Count);
        Assert.Equal(validation.Test.Users, again.Test.Users);
        Assert.Equal(validation.Test.Items, again.Test.Items);
        Assert.Same(split.Users, validation.Users);
        for (int k = 0; k < validation.Test.Count; k++) // each held rating is a training rating, no longer in the carve's training side
        {
            Assert.Equal(split.Train.Find(validation.Test.Users[k], validation.Test.Items[k]), validation.Test.Ratings[k]);
            Assert.Null(validation.Train.Find(validation.Test.Users[k], validation.Test.Items[k]));
        }
        for (int k = 0; k < split.Test.Count; k++) // the test side takes no part
            Assert.Null(validation.Train.Find(split.Test.Users[k], split.Test.Items[k]));
    }

    [Fact]
    public void AGivenTestFileCountsItsUnseenUsersAndItems()
    {
        RatingLog train = RatingsFileReader.Read(folder.WriteText("u1.base", "1\t1\t4\t0\n1\t2\t3\t0\n2\t1\t5\t0\n"));
        RatingLog test = RatingsFileReader.Read(folder.WriteText("u1.test", "2\t2\t4\t0\n3\t1\t2\t0\n1\t9\t1\t0\n"), null, train.Users, train.Items);
        ExplicitSplit split = ExplicitSplit.Given(train, test);
        Assert.Equal(3, split.Train.Count);
        Assert.Equal(3, split.Test.Count);
        Assert.Equal(2, split.UnseenIn(split.Test)); // user 3 and item 9 have no training rating
    }

    [Fact]
    public void StrongGeneralisationHoldsOutWholeUsersAndSplitsTheirPositives8020()
    {
        RatingLog log = Synthetic();
        RatingMatrix all = log.ToMatrix();
        ImplicitSplit split = ImplicitSplit.Create(log.Users, log.Items, all, 0.2, seed: 1);
        int eligible = Enumerable.Range(0, all.Rows).Count(u => ImplicitSplit.Positives(all, u).Count >= 5);
        Assert.Equal((int)Math.Round(0.2 * eligible), split.HeldOutUsers.Length);
        Assert.Equal(eligible - split.HeldOutUsers.Length, split.Train.Rows);
        Assert.All(split.Train.Values.ToArray(), v => Assert.Equal(1f, v));
        for (int row = 0; row < split.HeldOutUsers.Length; row++)
        {
            int user = split.HeldOutUsers[row];
            int predicted = split.HeldOut.CountOf(row), foldIn = split.FoldIn.CountOf(row), total = predicted + foldIn;
            Assert.True(total <= ImplicitSplit.Positives(all, user).Count);
            Assert.Equal(Math.Min(total, Math.Max(1, (int)Math.Round(0.2 * total))), predicted);
            foreach (int item in split.HeldOut.ColumnsOf(row)) // a positive is either folded in or predicted, never both
            {
                Assert.Null(split.FoldIn.Find(row, item));
                Assert.True(all.Find(user, item) > ImplicitSplit.PositiveAbove);
            }
        }
    }
}
