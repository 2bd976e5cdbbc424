using Autoencoders.Data.Ratings;

namespace Autoencoders.Data.Tests.Ratings;

/// <summary>The three MovieLens layouts and headed CSV/TSV files read alike; each kind of bad input names its line.</summary>
public sealed class RatingsFileReaderTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ReadsMovieLensRatingsCsvWithItsHeader()
    {
        string path = folder.WriteText("ratings.csv", "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n7,31,4.5,1260759182\n");
        RatingLog log = RatingsFileReader.Read(path);
        Assert.Equal(3, log.Count);
        Assert.Equal(["1", "7"], log.Users.Ids);
        Assert.Equal(["31", "1029"], log.Items.Ids);
        Assert.Equal([2.5f, 3f, 4.5f], log.RatingOf);
        Assert.Equal([2, 3, 4], log.LineOf);
    }

    [Fact]
    public void ReadsMl100kTabSeparatedUData()
    {
        string path = folder.WriteText("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n196\t377\t1\t878887116\n");
        RatingLog log = RatingsFileReader.Read(path);
        Assert.Equal(RatingsLayout.TabSeparated, RatingsFileReader.Detect(path, "196\t242\t3\t881250949"));
        Assert.Equal(3, log.Count);
        Assert.Equal([0, 1, 0], log.UserOf);
        Assert.Equal([3f, 3f, 1f], log.RatingOf);
    }

    [Fact]
    public void ReadsMl1mDoubleColonRatingsDat()
    {
        string path = folder.WriteText("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n");
        RatingLog log = RatingsFileReader.Read(path);
        Assert.Equal(3, log.Count);
        Assert.Equal(2, log.Users.Count);
        Assert.Equal(2, log.Items.Count);
        Assert.Equal(4f, log.ToMatrix().Find(log.Users.Find("2"), log.Items.Find("1193")));
    }

    [Fact]
    public void ReadsAnyTsvWithNamedColumnsAndStringIds()
    {
        string path = folder.WriteText("scores.tsv", "when\tcustomer\tproduct\tstars\nmon\talice\tbook-1\t4\ntue\tbob\tlamp\t2\n");
        RatingLog log = RatingsFileReader.Read(path, new RatingsReadOptions { UserColumn = "customer", ItemColumn = "product", RatingColumn = "stars" });
        Assert.Equal(["alice", "bob"], log.Users.Ids);
        Assert.Equal(["book-1", "lamp"], log.Items.Ids);
        Assert.Equal([4f, 2f], log.RatingOf);
    }

    [Fact]
    public void AQuotedIdMayHoldACommaAndAQuote()
    {
        string path = folder.WriteText("ratings.csv", "userId,movieId,rating\n\"smith, j\",\"say \"\"hi\"\"\",3.5\nbob,lamp,2\n");
        RatingLog log = RatingsFileReader.Read(path);
        Assert.Equal(["smith, j", "bob"], log.Users.Ids);
        Assert.Equal(["say \"hi\"", "lamp"], log.Items.Ids);
        Assert.Equal([3.5f, 2f], log.RatingOf);
    }

    [Fact]
    public void ATestFileReadOverTheTrainingIdsKeepsTheirIndicesAndAppendsNewOnes()
    {
        RatingLog train = RatingsFileReader.Read(folder.WriteText("u1.base", "5\t9\t4\t1\n6\t8\t2\t1\n"));
        RatingLog test = RatingsFileReader.Read(folder.WriteText("u1.test", "6\t9\t3\t1\n7\t8\t5\t1\n"), null, train.Users, train.Items);
        Assert.Equal([1, 2], test.UserOf); // 6 was index 1; 7 is new
        Assert.Equal([0, 1], test.ItemOf);
        Assert.Equal(3, train.Users.Count);
    }

    [Fact]
    public void ARepeatedUserItemPairNamesBothLines()
    {
        string path = folder.WriteText("ratings.csv", "userId,movieId,rating\n1,10,4\n2,10,3\n1,10,5\n");
        string message = ErrorAssert.ThrowsInvalidData(path, () => RatingsFileReader.Read(path));
        Assert.Contains("line 4: user 1 rated item 10 already on line 2", message);
    }

    [Fact]
    public void ARatingOutsideTheScaleNamesItsLine()
    {
        string path = folder.WriteText("ratings.csv", "userId,movieId,rating\n1,10,4\n2,10,6\n");
        string message = ErrorAssert.ThrowsInvalidData(path, () => RatingsFileReader.Read(path));
        Assert.Contains("line 3: rating 6 is outside the scale 0.5–5", message);
    }

    [Fact]
    public void ANonNumericRatingNamesItsLine()
    {
        string path = folder.WriteText("ratings.dat", "1::10::4::0\n2::10::good::0\n");
        string message = ErrorAssert.ThrowsInvalidData(path, () => RatingsFileReader.Read(path));
        Assert.Contains("line 2: expected a numeric rating, received \"good\"", message);
    }

    [Fact]
    public void AShortLineAndAMissingColumnAreNamed()
    {
        string shortLine = folder.WriteText("short.csv", "userId,movieId,rating\n1,10\n");
        Assert.Contains("line 2: expected at least 3 fields", ErrorAssert.ThrowsInvalidData(shortLine, () => RatingsFileReader.Read(shortLine)));
        string noRating = folder.WriteText("nocolumn.csv", "userId,movieId,stars\n1,10,4\n");
        Assert.Contains("no rating column in the header", ErrorAssert.ThrowsInvalidData(noRating, () => RatingsFileReader.Read(noRating)));
        string named = folder.WriteText("named.csv", "a,b,c\n1,10,4\n");
        Assert.Contains("no column \"who\" for the users", ErrorAssert.ThrowsInvalidData(named, () =>
            RatingsFileReader.Read(named, new RatingsReadOptions { UserColumn = "who", ItemColumn = "b", RatingColumn = "c" })));
    }

    [Fact]
    public void ACommaFileOfNumbersWithoutAHeaderIsRefused()
    {
        string path = folder.WriteText("ratings.csv", "1,10,4\n2,10,3\n");
        Assert.Contains("line 1 holds numbers, not column names", ErrorAssert.ThrowsInvalidData(path, () => RatingsFileReader.Read(path)));
    }
}
