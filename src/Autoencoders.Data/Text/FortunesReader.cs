namespace Autoencoders.Data.Text;

/// <summary>
/// Debian's <c>fortunes</c> (and fortunes-min): one plain-text file per topic in <see cref="DefaultFolder"/>, entries
/// separated by lines holding only <c>%</c>. The topic is the label. Overstrikes (<c>_\bX</c>, a typewriter's underline)
/// are reduced to the letter; blank entries are skipped.
/// </summary>
public static class FortunesReader
{
    public const string DefaultFolder = "/usr/share/games/fortunes";

    /// <summary>The prefix of a data source naming fortunes topics: <c>fortunes:computers,law,politics</c>.</summary>
    public const string SourcePrefix = "fortunes:";

    /// <summary>The entries of <paramref name="topics"/> (class ids in the order given).</summary>
    public static TextCorpus Read(IReadOnlyList<string> topics, string folder = DefaultFolder)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Count == 0)
            throw new ArgumentException("expected at least one fortunes topic, received none", nameof(topics));
        var texts = new List<string>();
        var labels = new List<int>();
        for (int label = 0; label < topics.Count; label++)
        {
            string path = Path.Combine(folder, topics[label]);
            if (!File.Exists(path))
            {
                string known = Directory.Exists(folder)
                    ? string.Join(", ", Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => n is not null && !n.Contains('.')).Order(StringComparer.Ordinal))
                    : $"none: {folder} does not exist (apt-get install fortunes)";
                throw new FileNotFoundException($"{path}: no fortunes topic \"{topics[label]}\"; the topics are {known}");
            }
            foreach (string entry in Entries(TextTableReader.DecodeUtf8(path)))
            {
                texts.Add(entry);
                labels.Add(label);
            }
        }
        return new TextCorpus(texts, [.. labels], [.. topics], $"fortunes: {string.Join(", ", topics)}");
    }

    /// <summary>The entries of one fortunes file, trimmed, overstrikes removed.</summary>
    public static IEnumerable<string> Entries(string content)
    {
        var entry = new System.Text.StringBuilder();
        foreach (string line in content.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line == "%")
            {
                if (Finish(entry) is { } text) yield return text;
                continue;
            }
            entry.Append(RemoveOverstrikes(line)).Append('\n');
        }
        if (Finish(entry) is { } last) yield return last;
    }

    private static string? Finish(System.Text.StringBuilder entry)
    {
        string text = entry.ToString().Trim();
        entry.Clear();
        return text.Length == 0 ? null : text;
    }

    /// <summary>"_\bw_\bo" → "wo": each backspace takes back the character before it.</summary>
    private static string RemoveOverstrikes(string line)
    {
        if (!line.Contains('\b')) return line;
        var kept = new System.Text.StringBuilder(line.Length);
        foreach (char c in line)
        {
            if (c == '\b') { if (kept.Length > 0) kept.Length--; }
            else kept.Append(c);
        }
        return kept.ToString();
    }
}
