using System.CommandLine;
using Autoencoders.Nn.Text;

namespace Autoencoders.Cli.Commands.Text;

/// <summary>The options that say which document autoencoder to build and how to train it (ae text train and compare).</summary>
internal sealed class TextAutoencoderOptionSet
{
    public Option<int> Vocabulary { get; } = new("--vocabulary") { Description = "the most frequent words kept (bag-of-words columns; the seq model's ids)", DefaultValueFactory = _ => 2000, HelpName = "N" };

    public Option<int> MaxLength { get; } = new("--max-length") { Description = "words per document of the seq model", DefaultValueFactory = _ => 40, HelpName = "N" };

    public Option<int> Embedding { get; } = new("--embedding") { Description = "word vectors (and decoder units) of the seq model", DefaultValueFactory = _ => 64, HelpName = "N" };

    public Option<int?> Winners { get; } = new("--k") { Description = "KATE's winners per document (default: a quarter of the code, at least 2)", HelpName = "N" };

    public Option<float> Alpha { get; } = new("--alpha") { Description = "KATE's energy amplification", DefaultValueFactory = _ => Nn.Layers.KCompetitive.DefaultAlpha, HelpName = "F" };

    public Option<string?> Bag { get; } = new("--bag") { Description = "what bow and kate read: tfidf (bow's default), or log (KATE's log(1 + count), kate's default); each row scaled to a largest value of 1", HelpName = "tfidf|log" };

    public Option<float> InputDropout { get; } = new("--input-dropout") { Description = "bow and kate: dropout on the bag-of-words rows while training (denoising); 0: none", DefaultValueFactory = _ => 0f, HelpName = "F" };

    public Option<int?> Epochs { get; } = new("--epochs") { Description = "passes over the training documents (default: 300 for bow and kate, 30 for seq)", HelpName = "N" };

    public Option<int> Batch { get; } = new("--batch") { Description = "documents per step", DefaultValueFactory = _ => 64, HelpName = "N" };

    public Option<float?> LearningRate { get; } = new("--lr") { Description = "Adam's learning rate (default: 0.01 for bow, 0.003 for kate, 0.002 for seq)", HelpName = "F" };

    public IEnumerable<Option> All => [Vocabulary, MaxLength, Embedding, Winners, Alpha, Bag, InputDropout, Epochs, Batch, LearningRate];

    public TextAutoencoderOptions Read(ParseResult parsed, TextAutoencoderKind kind, int code, int seed)
    {
        bool bag = kind != TextAutoencoderKind.Seq;
        // Defaults from kNN-5 on six fortunes topics (README): the bag-of-words models are small and their codes keep improving
        // long after the loss flattens (bow: 0.30 after 30 epochs at 0.002, 0.47 after 300 at 0.01); KATE does best at 0.003
        // on log counts, as its paper feeds it; the seq model costs a hundred times more a step.
        float alpha = parsed.GetValue(Alpha), lr = parsed.GetValue(LearningRate) ?? kind switch
        {
            TextAutoencoderKind.Bow => 1e-2f,
            TextAutoencoderKind.Kate => 3e-3f,
            _ => 2e-3f,
        };
        if (!(alpha >= 0 && float.IsFinite(alpha))) throw new UsageException($"--alpha must be 0 or more, received {alpha}");
        if (!(lr > 0 && float.IsFinite(lr))) throw new UsageException($"--lr must be a positive number, received {lr}");
        int? winners = parsed.GetValue(Winners) is { } k ? CommonOptions.Positive(k, "--k") : null;
        if (winners > code) throw new UsageException($"--k must be at most the code size {code}, received {winners}");
        string rows = parsed.GetValue(Bag) ?? (kind == TextAutoencoderKind.Kate ? "log" : "tfidf");
        if (rows is not ("tfidf" or "log")) throw new UsageException($"--bag must be tfidf or log, received \"{rows}\"");
        return new TextAutoencoderOptions
        {
            Kind = kind,
            CodeSize = code,
            Vocabulary = CommonOptions.Positive(parsed.GetValue(Vocabulary), "--vocabulary"),
            MaxLength = CommonOptions.Positive(parsed.GetValue(MaxLength), "--max-length"),
            EmbeddingSize = CommonOptions.Positive(parsed.GetValue(Embedding), "--embedding"),
            Winners = winners,
            Alpha = alpha,
            LogCounts = rows == "log",
            InputDropout = parsed.GetValue(InputDropout) is var dropout and >= 0 and < 1 ? dropout : throw new UsageException($"--input-dropout must be in [0, 1), received {parsed.GetValue(InputDropout)}"),
            Epochs = CommonOptions.Positive(parsed.GetValue(Epochs) ?? (bag ? 300 : 30), "--epochs"),
            BatchSize = CommonOptions.Positive(parsed.GetValue(Batch), "--batch"),
            LearningRate = lr,
            Seed = seed,
        };
    }

    public static TextAutoencoderKind ParseKind(string name) => name switch
    {
        "bow" => TextAutoencoderKind.Bow,
        "kate" => TextAutoencoderKind.Kate,
        "seq" => TextAutoencoderKind.Seq,
        _ => throw new UsageException($"expected the model bow, kate or seq, received \"{name}\""),
    };
}
