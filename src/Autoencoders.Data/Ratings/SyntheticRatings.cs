using System.Globalization;
using System.Text;

namespace Autoencoders.Data.Ratings;

/// <summary>
/// A seeded MovieLens-like ratings generator, for tests and figures where no MovieLens file can be had. Which items a
/// user rates follows a power law of popularity (the i-th most popular item is picked ∝ (i + 10)^−<see cref="PopularityExponent"/>,
/// so a few blockbusters and a long tail) and the user's taste (<see cref="Selectivity"/>), how many a user rates is log-normal; each rating is
/// 0.5 + 4.5 σ(μ + b_u + b_i + p_u·q_i + ε) rounded to half stars: user and item biases, a low-rank preference
/// structure (rank <see cref="Rank"/>), noise, and the saturation of a bounded scale.
/// </summary>
public sealed class SyntheticRatings
{
    public const double PopularityExponent = 0.9;
    public const int Rank = 8;

    public required int Users { get; init; }

    public required int Items { get; init; }

    /// <summary>The share of the users × items cells rated (on average).</summary>
    public double Density { get; init; } = 0.05;

    public ulong Seed { get; init; } = 1;

    /// <summary>The standard deviation of ε, in units of the logistic's argument.</summary>
    public double Noise { get; init; } = 0.35;

    /// <summary>How strongly preference steers which items a user rates (0: popularity alone).</summary>
    public double Selectivity { get; init; } = 3;

    private static double Preference(float[] userFactors, float[] itemFactors, int item)
    {
        double preference = 0;
        for (int f = 0; f < Rank; f++) preference += userFactors[f] * itemFactors[item * Rank + f];
        return preference;
    }

    /// <summary>Writes <c>ratings.csv</c> (userId,movieId,rating,timestamp) and <c>movies.csv</c> (movieId,title,genres) into
    /// <paramref name="folder"/>, each atomically; returns the number of ratings.</summary>
    public long WriteTo(string folder)
    {
        if (Users < 1 || Items < 2 || !(Density > 0 && Density <= 0.5))
            throw new ArgumentException($"expected at least 1 user, 2 items and a density in (0, 0.5], received {Users}, {Items}, {Density}");
        Directory.CreateDirectory(folder);
        var random = new DeterministicRandom(Seed);
        int[] itemByPopularity = Enumerable.Range(0, Items).ToArray();
        random.Shuffle(itemByPopularity.AsSpan());
        var cumulative = new double[Items];
        double total = 0;
        for (int i = 0; i < Items; i++) cumulative[i] = total += Math.Pow(i + 10, -PopularityExponent);

        // Item factors and biases; popular items are rated a little higher, as in MovieLens.
        var itemFactors = new float[Items * Rank];
        var itemBias = new float[Items];
        double factorScale = 0.9 / Math.Sqrt(Rank);
        for (int rank = 0; rank < Items; rank++)
        {
            int item = itemByPopularity[rank];
            itemBias[item] = (float)(0.6 * random.NextGaussian() + 0.3 * (1 - 2.0 * rank / Items));
            for (int f = 0; f < Rank; f++) itemFactors[item * Rank + f] = (float)(random.NextGaussian() * factorScale);
        }

        long written = 0;
        double meanPerUser = Density * Items;
        AtomicFile.Write(Path.Combine(folder, "ratings.csv"), stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write("userId,movieId,rating,timestamp\n");
            var userFactors = new float[Rank];
            var chosen = new HashSet<int>();
            var line = new StringBuilder();
            for (int user = 0; user < Users; user++)
            {
                double userBias = 0.45 * random.NextGaussian();
                for (int f = 0; f < Rank; f++) userFactors[f] = (float)(random.NextGaussian() * factorScale * 1.6);
                // Log-normal with σ 0.8 and the asked mean: e^(m + σ²/2) = mean.
                int count = (int)Math.Round(Math.Exp(Math.Log(meanPerUser) - 0.32 + 0.8 * random.NextGaussian()));
                count = Math.Clamp(count, 1, Items / 2);
                chosen.Clear();
                while (chosen.Count < count)
                {
                    int rank = Array.BinarySearch(cumulative, random.NextDouble() * total);
                    int candidate = itemByPopularity[rank < 0 ? Math.Min(~rank, Items - 1) : rank];
                    // People choose what they expect to like (ratings are missing not at random): a candidate drawn by
                    // popularity is kept with probability σ(Selectivity · p_u·q_i), so that which items a user rates
                    // carries the same preferences as the ratings, as implicit feedback does.
                    if (random.NextDouble() < 1 / (1 + Math.Exp(-Selectivity * Preference(userFactors, itemFactors, candidate))))
                        chosen.Add(candidate);
                }
                foreach (int item in chosen.Order())
                {
                    double preference = Preference(userFactors, itemFactors, item);
                    double score = 0.45 + userBias + itemBias[item] + preference + Noise * random.NextGaussian();
                    double rating = Math.Round((0.5 + 4.5 / (1 + Math.Exp(-score))) * 2) / 2;
                    line.Clear().Append(user + 1).Append(',').Append(item + 1).Append(',')
                        .Append(rating.ToString("0.0", CultureInfo.InvariantCulture)).Append(',').Append(1_000_000_000L + written * 7).Append('\n');
                    writer.Write(line);
                    written++;
                }
            }
        });
        AtomicFile.Write(Path.Combine(folder, "movies.csv"), stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write("movieId,title,genres\n");
            string[] genres = ["Drama", "Comedy", "Thriller", "Romance", "Action", "Sci-Fi", "Animation", "Documentary"];
            for (int item = 0; item < Items; item++)
                writer.Write($"{item + 1},\"Synthetic film {item + 1}, part {item % 3 + 1} ({1950 + item % 70})\",{genres[item % genres.Length]}\n");
        });
        return written;
    }
}
