namespace Autoencoders.Data.Ratings;

/// <summary>How a ratings file lays out its fields.</summary>
public enum RatingsLayout
{
    /// <summary>Chosen from the file: its name (u.data, *.base, *.test, *.dat) and first line.</summary>
    Auto,

    /// <summary>A delimited file (comma or tab) with a header naming its columns, such as MovieLens's ratings.csv (userId,movieId,rating,timestamp).</summary>
    Header,

    /// <summary>ML-100K's u.data (and u1.base …): user, item, rating, timestamp separated by tabs, no header.</summary>
    TabSeparated,

    /// <summary>ML-1M's ratings.dat: UserID::MovieID::Rating::Timestamp, no header.</summary>
    DoubleColon,
}
