namespace Autoencoders.Data.Ratings;

/// <summary>What <see cref="RatingsFileReader"/> reads: the layout, the columns of a file with a header, and the scale.</summary>
public sealed record RatingsReadOptions
{
    public RatingsLayout Layout { get; init; } = RatingsLayout.Auto;

    /// <summary>The user column's name in a file with a header; null tries userId, user_id, user.</summary>
    public string? UserColumn { get; init; }

    /// <summary>The item column's name; null tries movieId, itemId, item_id, item, movie.</summary>
    public string? ItemColumn { get; init; }

    /// <summary>The rating column's name; null tries rating, score.</summary>
    public string? RatingColumn { get; init; }

    public RatingScale Scale { get; init; } = RatingScale.MovieLens;
}
