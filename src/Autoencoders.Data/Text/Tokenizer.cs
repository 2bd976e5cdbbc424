using System.Text.Json.Nodes;

namespace Autoencoders.Data.Text;

/// <summary>
/// Keras's <c>Tokenizer</c>: <see cref="FitOnTexts"/> counts words, and <see cref="WordIndex"/> numbers them from 1 by
/// falling frequency, ties in order of first appearance (the OOV token, when set, takes 1). Only ids below
/// <see cref="NumWords"/> are used when encoding — the numWords − 1 most frequent words, as Keras keeps them; other
/// words become the OOV id or are dropped. Saved with a model as JSON (<see cref="ToJson"/>).
/// </summary>
public sealed class Tokenizer
{
    private readonly Dictionary<string, int> wordCounts = [];
    private readonly List<string> firstAppearance = [];
    private readonly Dictionary<string, int> wordDocs = [];
    private Dictionary<string, int> wordIndex = [];
    private string[] indexWord = [""]; // id → word; id 0 is padding and has no word

    public Tokenizer(int? numWords = null, string filters = WordSequence.DefaultFilters, bool lower = true, string split = " ", string? oovToken = null)
    {
        if (numWords is < 1)
            throw new ArgumentOutOfRangeException(nameof(numWords), $"expected numWords of at least 1, received {numWords}");
        ArgumentNullException.ThrowIfNull(filters);
        if (string.IsNullOrEmpty(split))
            throw new ArgumentException("expected a non-empty separator, received an empty one", nameof(split));
        NumWords = numWords;
        Filters = filters;
        Lower = lower;
        Split = split;
        OovToken = oovToken;
    }

    /// <summary>Ids below this are kept when encoding; null keeps every word.</summary>
    public int? NumWords { get; }

    public string Filters { get; }

    public bool Lower { get; }

    public string Split { get; }

    /// <summary>The word that stands for every unknown or dropped word (index 1), or null to drop them.</summary>
    public string? OovToken { get; }

    /// <summary>The number of texts fitted.</summary>
    public int DocumentCount { get; private set; }

    /// <summary>Word → id (1, 2, …), the most frequent first.</summary>
    public IReadOnlyDictionary<string, int> WordIndex => wordIndex;

    /// <summary>Word → its occurrences in all fitted texts.</summary>
    public IReadOnlyDictionary<string, int> WordCounts => wordCounts;

    /// <summary>Word → the number of fitted texts it occurs in.</summary>
    public IReadOnlyDictionary<string, int> WordDocs => wordDocs;

    /// <summary>The number of columns (and of Embedding ids) the encoded texts use: numWords, or every word plus the padding id 0.</summary>
    public int VocabularySize => NumWords ?? wordIndex.Count + 1;

    /// <summary>The word with id <paramref name="id"/>, or null for 0 and unknown ids.</summary>
    public string? WordOf(int id) => id > 0 && id < indexWord.Length ? indexWord[id] : null;

    /// <summary>Counts the words of <paramref name="texts"/> (adding to any texts fitted before) and renumbers the vocabulary.</summary>
    public void FitOnTexts(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        foreach (string text in texts)
        {
            DocumentCount++;
            string[] words = Words(text);
            foreach (string word in words)
            {
                if (wordCounts.TryGetValue(word, out int count)) wordCounts[word] = count + 1;
                else
                {
                    wordCounts[word] = 1;
                    firstAppearance.Add(word);
                }
            }
            foreach (string word in words.Distinct()) wordDocs[word] = wordDocs.GetValueOrDefault(word) + 1;
        }
        Renumber();
    }

    /// <summary>Each text as word ids (see the class summary for unknown and rare words).</summary>
    public List<int[]> TextsToSequences(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        int? oov = OovToken is null ? null : wordIndex.GetValueOrDefault(OovToken);
        var sequences = new List<int[]>();
        foreach (string text in texts)
        {
            var ids = new List<int>();
            foreach (string word in Words(text))
            {
                if (wordIndex.TryGetValue(word, out int id) && (NumWords is null || id < NumWords)) ids.Add(id);
                else if (oov is { } oovId) ids.Add(oovId);
            }
            sequences.Add([.. ids]);
        }
        return sequences;
    }

    /// <summary>Each sequence back to words joined by a space. As in Keras, with an OOV token every id that is not a kept
    /// word (a rare one, an unknown one, even padding's 0) becomes the token; without one such ids are dropped.</summary>
    public List<string> SequencesToTexts(IEnumerable<IReadOnlyList<int>> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var texts = new List<string>();
        foreach (var sequence in sequences)
        {
            var words = new List<string>();
            foreach (int id in sequence)
            {
                string? word = WordOf(id);
                if (word is not null && (NumWords is null || id < NumWords)) words.Add(word);
                else if (OovToken is not null) words.Add(OovToken);
            }
            texts.Add(string.Join(' ', words));
        }
        return texts;
    }

    /// <summary>Keras's <c>texts_to_matrix</c>: a (texts × <see cref="VocabularySize"/>) bag of words, row-major;
    /// column j scores word id j, column 0 (padding) stays 0.</summary>
    public float[] TextsToMatrix(IReadOnlyList<string> texts, BagOfWordsMode mode) =>
        SequencesToMatrix(TextsToSequences(texts), mode);

    /// <summary>Keras's <c>sequences_to_matrix</c>; ids at or above <see cref="VocabularySize"/> are skipped.</summary>
    public float[] SequencesToMatrix(IReadOnlyList<int[]> sequences, BagOfWordsMode mode)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (wordIndex.Count == 0 && NumWords is null)
            throw new InvalidOperationException("the tokenizer has no vocabulary yet: call FitOnTexts first or give numWords");
        int columns = VocabularySize;
        var matrix = new float[checked((long)sequences.Count * columns)];
        var docsOfId = mode == BagOfWordsMode.TfIdf ? DocumentsOfIds() : [];
        var counts = new Dictionary<int, int>();
        for (int row = 0; row < sequences.Count; row++)
        {
            counts.Clear();
            foreach (int id in sequences[row])
                if (id >= 0 && id < columns) counts[id] = counts.GetValueOrDefault(id) + 1;
            Span<float> cells = matrix.AsSpan(row * columns, columns);
            foreach (var (id, count) in counts)
                cells[id] = mode switch
                {
                    BagOfWordsMode.Binary => 1f,
                    BagOfWordsMode.Count => count,
                    BagOfWordsMode.Freq => (float)count / sequences[row].Length,
                    _ => (float)((1 + Math.Log(count)) * Math.Log(1 + DocumentCount / (1.0 + docsOfId.GetValueOrDefault(id)))),
                };
        }
        return matrix;
    }

    /// <summary>The tokenizer's settings and counts as JSON (Keras keeps the same fields in <c>to_json</c>).</summary>
    public JsonObject ToJson()
    {
        var counts = new JsonArray();
        foreach (string word in firstAppearance) counts.Add(new JsonArray(word, wordCounts[word], wordDocs.GetValueOrDefault(word)));
        return new JsonObject
        {
            ["class_name"] = "Tokenizer",
            ["num_words"] = NumWords,
            ["filters"] = Filters,
            ["lower"] = Lower,
            ["split"] = Split,
            ["oov_token"] = OovToken,
            ["document_count"] = DocumentCount,
            ["word_counts"] = counts, // [word, occurrences, documents] in order of first appearance
        };
    }

    /// <summary>The tokenizer <see cref="ToJson"/> wrote; its vocabulary is renumbered from the counts, as fitting did.</summary>
    public static Tokenizer FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var tokenizer = new Tokenizer((int?)json["num_words"], (string?)json["filters"] ?? WordSequence.DefaultFilters,
                (bool?)json["lower"] ?? true, (string?)json["split"] ?? " ", (string?)json["oov_token"]);
            tokenizer.DocumentCount = (int?)json["document_count"] ?? 0;
            foreach (var entry in json["word_counts"]?.AsArray() ?? [])
            {
                var fields = entry!.AsArray();
                string word = (string)fields[0]!;
                if (!tokenizer.wordCounts.TryAdd(word, (int)fields[1]!))
                    throw new FormatException($"the tokenizer's word_counts hold \"{word}\" twice");
                tokenizer.firstAppearance.Add(word);
                tokenizer.wordDocs[word] = (int)fields[2]!;
            }
            tokenizer.Renumber();
            return tokenizer;
        }
        catch (Exception error) when (error is InvalidOperationException or NullReferenceException or ArgumentException or IndexOutOfRangeException)
        {
            throw new FormatException($"not a tokenizer written by ToJson: {error.Message}", error);
        }
    }

    private string[] Words(string text) => WordSequence.Split(text, Filters, Lower, Split);

    /// <summary>Ids by falling count; List.Sort is not stable, so ties are ordered by first appearance explicitly.</summary>
    private void Renumber()
    {
        var ordered = firstAppearance.Select((word, rank) => (word, rank))
            .OrderByDescending(w => wordCounts[w.word]).ThenBy(w => w.rank).Select(w => w.word);
        var vocabulary = new List<string>();
        if (OovToken is not null) vocabulary.Add(OovToken);
        // Keras lists the OOV token and then every counted word, and a text holding the token's own spelling would
        // move the token to that word's place (dict(zip(...)) keeps the last); here the token keeps id 1.
        vocabulary.AddRange(ordered.Where(word => word != OovToken));
        wordIndex = vocabulary.Select((word, i) => (word, i)).ToDictionary(w => w.word, w => w.i + 1);
        indexWord = ["", .. vocabulary];
    }

    private Dictionary<int, int> DocumentsOfIds() =>
        wordDocs.Where(w => wordIndex.ContainsKey(w.Key)).ToDictionary(w => wordIndex[w.Key], w => w.Value);
}
