using Autoencoders.Data.Ratings;

namespace Autoencoders.Nn.Tests.Recommendation;

/// <summary>Small synthetic rating sets, generated once per process into a temporary folder and shared by the tests.</summary>
public static class SyntheticSplits
{
    private static readonly Lazy<RatingLog> Small = new(() => Generate(400, 300, seed: 2));

    /// <summary>400 users × 300 items at 5 %: about 6,000 ratings.</summary>
    public static RatingLog SmallLog => Small.Value;

    public static RatingLog Generate(int users, int items, ulong seed, double density = 0.05)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"ae-ratings-{users}x{items}-{density}-{seed}-{Environment.ProcessId}");
        if (!File.Exists(Path.Combine(folder, "ratings.csv")))
            new SyntheticRatings { Users = users, Items = items, Density = density, Seed = seed }.WriteTo(folder);
        return RatingsFileReader.Read(Path.Combine(folder, "ratings.csv"));
    }
}
