namespace Autoencoders.Nn.Text;

/// <summary>How <see cref="TextEmbedder.Train"/> builds and trains a document autoencoder.</summary>
public sealed record TextAutoencoderOptions
{
    public TextAutoencoderKind Kind { get; init; } = TextAutoencoderKind.Kate;

    public int CodeSize { get; init; } = 32;

    /// <summary>The most frequent words kept (bag-of-words columns, or ids of the sequence model besides padding).</summary>
    public int Vocabulary { get; init; } = 2000;

    /// <summary>Words per document of the sequence model (longer ones are cut at the end).</summary>
    public int MaxLength { get; init; } = 40;

    /// <summary>Word vectors and the decoder GRU's units of the sequence model.</summary>
    public int EmbeddingSize { get; init; } = 64;

    /// <summary>KATE's winners; null: a quarter of the code (at least 2).</summary>
    public int? Winners { get; init; }

    public float Alpha { get; init; } = Layers.KCompetitive.DefaultAlpha;

    /// <summary>What the bag-of-words models read: TF-IDF (default) or KATE's log-normalised counts, each row scaled to a
    /// largest value of 1.</summary>
    public bool LogCounts { get; init; }

    /// <summary>Dropout on the bag-of-words rows while training (a denoising autoencoder's masking noise); 0: none.</summary>
    public float InputDropout { get; init; }

    public int Epochs { get; init; } = 30;

    public int BatchSize { get; init; } = 64;

    public float LearningRate { get; init; } = 2e-3f;

    public int Seed { get; init; }

    public int WinnersFor(int codeSize) => Winners ?? Math.Max(2, codeSize / 4);
}
