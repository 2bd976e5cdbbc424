using System.Text.Json.Nodes;

namespace Autoencoders.Data.Text;

/// <summary>
/// Texts to the fixed-length id rows an Embedding reads: words by a fitted <see cref="Text.Tokenizer"/> or by the md5
/// hashing trick (Keras's <c>one_hot</c>), then <see cref="SequencePadding"/> to <see cref="MaxLength"/>. Saved with a
/// model (<see cref="ToJson"/>) so that the texts given to a trained model are encoded as its training texts were.
/// </summary>
public sealed class TextEncoder
{
    private TextEncoder(Tokenizer? tokenizer, int vocabularySize, int maxLength, PaddingSide padding, PaddingSide truncating)
    {
        Tokenizer = tokenizer;
        VocabularySize = vocabularySize;
        MaxLength = maxLength;
        Padding = padding;
        Truncating = truncating;
    }

    /// <summary>The fitted tokenizer, or null when words are hashed.</summary>
    public Tokenizer? Tokenizer { get; }

    public bool Hashing => Tokenizer is null;

    /// <summary>Ids run from 0 (padding) to VocabularySize − 1: an Embedding's input dimension.</summary>
    public int VocabularySize { get; }

    public int MaxLength { get; }

    public PaddingSide Padding { get; }

    public PaddingSide Truncating { get; }

    /// <summary>A tokenizer fitted on <paramref name="texts"/>, keeping ids below <paramref name="numWords"/> (all when null);
    /// <paramref name="maxLength"/> null: the longest text's length in words.</summary>
    public static TextEncoder FitTokenizer(IReadOnlyList<string> texts, int? numWords, int? maxLength, PaddingSide padding = PaddingSide.Post,
        PaddingSide truncating = PaddingSide.Post, string? oovToken = null)
    {
        var tokenizer = new Tokenizer(numWords, oovToken: oovToken);
        tokenizer.FitOnTexts(texts);
        int length = maxLength ?? Math.Max(1, tokenizer.TextsToSequences(texts).Select(s => s.Length).DefaultIfEmpty(1).Max());
        return new TextEncoder(tokenizer, tokenizer.VocabularySize, length, padding, truncating);
    }

    /// <summary>md5 hashing into <paramref name="vocabularySize"/> ids (0 reserved), as the seeds' tutorial encodes.</summary>
    public static TextEncoder Hash(IReadOnlyList<string> texts, int vocabularySize, int? maxLength, PaddingSide padding = PaddingSide.Post,
        PaddingSide truncating = PaddingSide.Post)
    {
        int length = maxLength ?? Math.Max(1, texts.Select(t => WordSequence.Split(t).Length).DefaultIfEmpty(1).Max());
        return new TextEncoder(null, vocabularySize, length, padding, truncating);
    }

    /// <summary>Each text's word ids, before padding.</summary>
    public List<int[]> Sequences(IReadOnlyList<string> texts) =>
        Tokenizer?.TextsToSequences(texts) ?? [.. texts.Select(t => TextHashing.HashingTrick(t, VocabularySize))];

    /// <summary>The padded ids of every text, (count × MaxLength) row-major as float32.</summary>
    public float[] Encode(IReadOnlyList<string> texts) =>
        SequencePadding.PadToFloats([.. Sequences(texts)], MaxLength, Padding, Truncating);

    public JsonObject ToJson() => new()
    {
        ["encoding"] = Hashing ? "hash" : "tokenizer",
        ["vocabulary_size"] = VocabularySize,
        ["max_length"] = MaxLength,
        ["padding"] = Padding == PaddingSide.Pre ? "pre" : "post",
        ["truncating"] = Truncating == PaddingSide.Pre ? "pre" : "post",
        ["tokenizer"] = Tokenizer?.ToJson(),
    };

    public static TextEncoder FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            string encoding = (string?)json["encoding"] ?? throw new FormatException("the text encoder has no \"encoding\"");
            Tokenizer? tokenizer = encoding switch
            {
                "tokenizer" => Tokenizer.FromJson(json["tokenizer"]?.AsObject() ?? throw new FormatException("a tokenizer encoder without its \"tokenizer\"")),
                "hash" => null,
                _ => throw new FormatException($"expected the encoding \"tokenizer\" or \"hash\", received \"{encoding}\""),
            };
            int vocabulary = (int?)json["vocabulary_size"] ?? throw new FormatException("the text encoder has no \"vocabulary_size\"");
            int maxLength = (int?)json["max_length"] ?? throw new FormatException("the text encoder has no \"max_length\"");
            if (vocabulary < 2 || maxLength < 1)
                throw new FormatException($"expected a vocabulary of at least 2 and a length of at least 1, received {vocabulary} and {maxLength}");
            return new TextEncoder(tokenizer, vocabulary, maxLength, Side((string?)json["padding"]), Side((string?)json["truncating"]));
        }
        catch (InvalidOperationException error)
        {
            throw new FormatException($"not a text encoder: {error.Message}", error);
        }
    }

    /// <summary>"pre" or "post", as Keras spells them.</summary>
    public static PaddingSide Side(string? name) => name switch
    {
        "pre" => PaddingSide.Pre,
        "post" or null => PaddingSide.Post,
        _ => throw new FormatException($"expected \"pre\" or \"post\", received \"{name}\""),
    };
}
