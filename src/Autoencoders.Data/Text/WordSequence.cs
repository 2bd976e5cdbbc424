namespace Autoencoders.Data.Text;

/// <summary>
/// Keras's <c>text_to_word_sequence</c>: lower-cases the text, turns every filter character into the separator, splits
/// on it and drops the empty pieces. <c>"Well done!"</c> → <c>["well", "done"]</c>.
/// </summary>
public static class WordSequence
{
    /// <summary>Keras's default filters: all ASCII punctuation except the apostrophe, plus tab and newline.</summary>
    public const string DefaultFilters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    /// <summary>The words of <paramref name="text"/>, in order.</summary>
    public static string[] Split(string text, string filters = DefaultFilters, bool lower = true, string split = " ")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(filters);
        if (string.IsNullOrEmpty(split))
            throw new ArgumentException("expected a non-empty separator, received an empty one", nameof(split));
        if (lower) text = text.ToLowerInvariant();
        if (filters.Length > 0)
        {
            // One pass instead of one Replace per filter character: texts can be whole documents.
            var builder = new System.Text.StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (filters.Contains(c)) builder.Append(split);
                else builder.Append(c);
            }
            text = builder.ToString();
        }
        return text.Split(split, StringSplitOptions.RemoveEmptyEntries);
    }
}
