using Autoencoders.Data;
using Autoencoders.Data.Text;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Nn.Text;

/// <summary>
/// A document autoencoder with the vectorisation its inputs need: bag-of-words rows for <c>bow</c> and <c>kate</c>
/// (a capped <see cref="Tokenizer"/>'s TF-IDF or log counts, each row scaled to a largest value of 1), padded word ids
/// for <c>seq</c>. <see cref="Encode"/> turns any texts into codes — document embeddings.
/// </summary>
public sealed class TextEmbedder
{
    public TextEmbedder(TextModelFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Model is not Autoencoder autoencoder)
            throw new ArgumentException($"a text embedder needs an autoencoder, received a {file.Model.GetType().Name} ({file.Kind})");
        File = file;
        Autoencoder = autoencoder;
    }

    public TextModelFile File { get; }

    public Autoencoder Autoencoder { get; }

    public int CodeSize => Autoencoder.CodeSize;

    /// <summary>The model's input rows for <paramref name="texts"/>.</summary>
    public float[] Inputs(IReadOnlyList<string> texts) => File.Encoder is { } encoder
        ? encoder.Encode(texts)
        : BagRows(File.BagOfWords!, texts, File.BagMode);

    /// <summary>The code of each text, <see cref="CodeSize"/> values per row.</summary>
    public float[] Encode(IReadOnlyList<string> texts) => Autoencoder.Encode(new Dataset(Inputs(texts), Autoencoder.InputShape.ElementCount));

    /// <summary>The mean loss of the autoencoder on <paramref name="texts"/> (its own loss: BCE on bag rows, cross-entropy per word).</summary>
    public double Loss(IReadOnlyList<string> texts) => Autoencoder.Evaluate(new Dataset(Inputs(texts), Autoencoder.InputShape.ElementCount));

    /// <summary>Fits the vectorisation on <paramref name="train"/>, builds the autoencoder and trains it.</summary>
    public static TextEmbedder Train(TextCorpus train, TextAutoencoderOptions options, IComputeBackend backend, out History history,
        IEnumerable<Callback>? callbacks = null, IBatchSource? validation = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        TextModelFile file;
        float[] inputs;
        if (options.Kind == TextAutoencoderKind.Seq)
        {
            var encoder = TextEncoder.FitTokenizer(train.Texts, options.Vocabulary + 1, options.MaxLength, PaddingSide.Post, PaddingSide.Post);
            file = new TextModelFile(CreateModel(encoder.VocabularySize, encoder.MaxLength, options with { Kind = TextAutoencoderKind.Seq }), "seq", encoder, null, BagOfWordsMode.TfIdf, train.ClassNames);
            inputs = encoder.Encode(train.Texts);
        }
        else
        {
            var tokenizer = new Tokenizer(options.Vocabulary + 1);
            tokenizer.FitOnTexts(train.Texts);
            var mode = options.LogCounts ? BagOfWordsMode.Count : BagOfWordsMode.TfIdf;
            var model = CreateModel(tokenizer.VocabularySize, 0, options);
            file = new TextModelFile(model, options.Kind == TextAutoencoderKind.Kate ? "kate" : "bow", null, tokenizer, mode, train.ClassNames);
            inputs = BagRows(tokenizer, train.Texts, mode);
        }
        var embedder = new TextEmbedder(file);
        var autoencoder = embedder.Autoencoder;
        autoencoder.Backend = backend;
        int features = inputs.Length / train.Count;
        autoencoder.Build(new Shape(features), unchecked((ulong)options.Seed));
        var fit = new FitOptions
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            Seed = options.Seed,
            Callbacks = [.. callbacks ?? []],
            ValidationData = validation,
        };
        history = autoencoder.Fit(new Dataset(inputs, features), fit);
        return embedder;
    }

    /// <summary>Bag-of-words rows in [0, 1]: TF-IDF or log(1 + count), each row divided by its largest value.</summary>
    public static float[] BagRows(Tokenizer tokenizer, IReadOnlyList<string> texts, BagOfWordsMode mode)
    {
        float[] rows = tokenizer.TextsToMatrix(texts, mode);
        int columns = tokenizer.VocabularySize;
        if (mode == BagOfWordsMode.Count)
        {
            DocumentVectors.LogNormalize(rows, columns);
            return rows;
        }
        for (int start = 0; start < rows.Length; start += columns)
        {
            Span<float> row = rows.AsSpan(start, columns);
            float largest = 0;
            foreach (float v in row) largest = Math.Max(largest, v);
            if (largest > 0) for (int j = 0; j < row.Length; j++) row[j] /= largest;
        }
        return rows;
    }

    /// <summary>The compiled, unbuilt autoencoder of <paramref name="options"/>' kind for <paramref name="vocabulary"/> ids
    /// or columns (and, for seq, documents of <paramref name="maxLength"/> words).</summary>
    public static Autoencoder CreateModel(int vocabulary, int maxLength, TextAutoencoderOptions options) =>
        options.Kind == TextAutoencoderKind.Seq ? Sequence(vocabulary, maxLength, options) : BagOfWords(vocabulary, options);

    private static Autoencoder BagOfWords(int vocabulary, TextAutoencoderOptions options)
    {
        List<Layer> encoder = options.InputDropout > 0 ? [new Dropout(options.InputDropout)] : [];
        encoder.Add(new Dense(options.CodeSize, Activation.Tanh));
        if (options.Kind == TextAutoencoderKind.Kate) encoder.Add(new KCompetitive(options.WinnersFor(options.CodeSize), options.Alpha));
        var model = new Autoencoder(encoder, [new Dense(vocabulary, Activation.Sigmoid)]) { Name = options.Kind == TextAutoencoderKind.Kate ? "kate" : "bow" };
        model.Compile(new Adam(options.LearningRate), Losses.Loss.BinaryCrossEntropy);
        return model;
    }

    private static Autoencoder Sequence(int vocabulary, int maxLength, TextAutoencoderOptions options)
    {
        var model = new Autoencoder(
            [new Embedding(vocabulary, options.EmbeddingSize, maskZero: true), new Gru(options.CodeSize)],
            [new RepeatVector(maxLength), new Gru(options.EmbeddingSize, returnSequences: true), new TimeDistributed(new Dense(vocabulary, Activation.Softmax))])
        { Name = "seq" };
        model.Compile(new Adam(options.LearningRate), Losses.Loss.SparseCategoricalCrossEntropy);
        return model;
    }
}
