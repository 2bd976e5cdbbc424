using System.Globalization;

namespace Autoencoders.Data.Ratings;

/// <summary>The declared range of ratings, inclusive: MovieLens's half stars 0.5–5 (ML-100K and ML-1M use whole stars 1–5, inside it).</summary>
public readonly record struct RatingScale(float Minimum, float Maximum)
{
    public static RatingScale MovieLens { get; } = new(0.5f, 5f);

    public bool Contains(float rating) => rating >= Minimum && rating <= Maximum;

    public float Clamp(float prediction) => Math.Clamp(prediction, Minimum, Maximum);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Minimum:G}–{Maximum:G}");

    /// <summary>"0.5-5" or "1:5" as on the command line.</summary>
    public static RatingScale Parse(string text)
    {
        string[] parts = text.Split(['-', ':', ','], 2);
        if (parts.Length == 2
            && float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out float low)
            && float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out float high)
            && float.IsFinite(low) && float.IsFinite(high) && low < high)
            return new RatingScale(low, high);
        throw new FormatException($"--scale: expected MIN-MAX with MIN < MAX (e.g. 0.5-5), received \"{text}\"");
    }
}
