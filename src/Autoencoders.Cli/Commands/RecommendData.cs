using System.CommandLine;
using Autoencoders.Data;
using Autoencoders.Data.Ratings;

namespace Autoencoders.Cli.Commands;

/// <summary>The ratings options <c>ae recommend</c>'s commands share, and how a --data or --test value becomes a checked log.</summary>
internal sealed class RecommendData
{
    public Option<string?> UserColumn { get; } = new("--user-column") { Description = "the user column of a file with a header (default: userId, user_id or user)", HelpName = "NAME" };

    public Option<string?> ItemColumn { get; } = new("--item-column") { Description = "the item column (default: movieId, itemId, item_id or item)", HelpName = "NAME" };

    public Option<string?> RatingColumn { get; } = new("--rating-column") { Description = "the rating column (default: rating or score)", HelpName = "NAME" };

    public Option<string> Scale { get; } = new("--scale") { Description = "the ratings' declared range; a rating outside it is an error", DefaultValueFactory = _ => "0.5-5", HelpName = "MIN-MAX" };

    public IEnumerable<Option> All => [UserColumn, ItemColumn, RatingColumn, Scale];

    public RatingsReadOptions ReadOptions(ParseResult parsed) => new()
    {
        UserColumn = parsed.GetValue(UserColumn),
        ItemColumn = parsed.GetValue(ItemColumn),
        RatingColumn = parsed.GetValue(RatingColumn),
        Scale = RatingScale.Parse(parsed.GetValue(Scale)!),
    };

    public const string DataHelp = "ratings: ml-100k or ml-1m (cached in ~/.cache/autoencoders/movielens, downloaded from GroupLens when online), "
        + "a MovieLens ratings.csv, u.data or ratings.dat, or any CSV/TSV with a header naming user, item and rating columns";

    /// <summary>The path of the ratings file <paramref name="nameOrPath"/> names, downloading ML-100K or ML-1M when asked for and absent.</summary>
    public static string Resolve(string nameOrPath, TextWriter output)
    {
        if (!MovieLensCache.IsName(nameOrPath))
            return nameOrPath;
        var cache = new MovieLensCache(MovieLensCache.DefaultFolder(Environment.GetEnvironmentVariable), HttpFileDownloader.Shared);
        return cache.EnsureRatings(nameOrPath, output.WriteLine);
    }
}
