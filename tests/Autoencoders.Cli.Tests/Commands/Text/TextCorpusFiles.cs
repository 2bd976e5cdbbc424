using System.Text;

namespace Autoencoders.Cli.Tests.Commands.Text;

/// <summary>Small text files for the <c>ae text</c> tests, and the repository's sample.</summary>
internal static class TextCorpusFiles
{
    /// <summary>samples/text/seeds-sentiment.csv, found by walking up from the test binaries to the repository root.</summary>
    public static string SeedsSentiment
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, "samples", "text", "seeds-sentiment.csv");
                if (File.Exists(candidate)) return candidate;
            }
            throw new FileNotFoundException("samples/text/seeds-sentiment.csv not found above " + AppContext.BaseDirectory);
        }
    }

    // Three topics, each with its own words and a few shared ones, so that a classifier or an embedding can tell them apart.
    private static readonly string[][] TopicWords =
    [
        ["cat", "dog", "horse", "cow", "sheep", "goat", "pig", "duck"],
        ["apple", "pear", "plum", "grape", "melon", "lemon", "peach", "cherry"],
        ["car", "train", "plane", "boat", "truck", "bus", "bike", "tram"],
    ];
    private static readonly string[] Shared = ["the", "a", "very", "and", "some", "my"];

    /// <summary>A CSV with <paramref name="perTopic"/> documents of each of three topics (labels animals, fruit, transport),
    /// interleaved, seeded.</summary>
    public static string Topics(TemporaryFolder folder, int perTopic = 40, string name = "topics.csv")
    {
        var random = new Random(5);
        string[] names = ["animals", "fruit", "transport"];
        var csv = new StringBuilder("text,label\n");
        for (int i = 0; i < perTopic; i++)
            for (int topic = 0; topic < 3; topic++)
            {
                var words = Enumerable.Range(0, 4 + random.Next(5)).Select(_ => random.Next(3) == 0
                    ? Shared[random.Next(Shared.Length)]
                    : TopicWords[topic][random.Next(TopicWords[topic].Length)]);
                csv.Append('"').Append(string.Join(' ', words)).Append("\",").Append(names[topic]).Append('\n');
            }
        return folder.WriteText(name, csv.ToString());
    }
}
