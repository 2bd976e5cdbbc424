using Autoencoders.Data.Ratings;

namespace Autoencoders.Data.Tests.Ratings;

/// <summary>The generator: seeded, half stars on 0.5–5, about the density asked for, a power law of item popularity.</summary>
public sealed class SyntheticRatingsTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void WritesMovieLensLikeRatingsTheSameForTheSameSeed()
    {
        string first = Path.Combine(folder.Path, "a"), second = Path.Combine(folder.Path, "b");
        long written = new SyntheticRatings { Users = 400, Items = 600, Density = 0.05, Seed = 9 }.WriteTo(first);
        new SyntheticRatings { Users = 400, Items = 600, Density = 0.05, Seed = 9 }.WriteTo(second);
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "ratings.csv")), File.ReadAllBytes(Path.Combine(second, "ratings.csv")));

        RatingLog log = RatingsFileReader.Read(Path.Combine(first, "ratings.csv"));
        Assert.Equal(written, log.Count);
        Assert.InRange(written / (400.0 * 600), 0.04, 0.06);
        Assert.All(log.RatingOf, r => Assert.True(r >= 0.5f && r <= 5f && r * 2 == MathF.Round(r * 2), $"{r} is not a half star"));
        double mean = log.RatingOf.Average();
        Assert.InRange(mean, 3.0, 4.0); // MovieLens's mean is about 3.5

        // Power law: the most popular tenth of the items holds far more than a tenth of the ratings.
        int[] counts = new int[log.Items.Count];
        foreach (int item in log.ItemOf) counts[item]++;
        int topTenth = counts.OrderDescending().Take(counts.Length / 10).Sum();
        Assert.True(topTenth > 0.3 * log.Count, $"the top tenth of the items has {topTenth} of {log.Count} ratings");
        Assert.Equal(600, TitleCatalog.Read(Path.Combine(first, "movies.csv")).Count);
    }
}
