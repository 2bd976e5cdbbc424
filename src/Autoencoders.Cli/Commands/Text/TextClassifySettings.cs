using Autoencoders.Data.Text;
using Autoencoders.Nn.Text;

namespace Autoencoders.Cli.Commands.Text;

/// <summary>The settings of <c>ae text classify</c>, checked before any data is read, and the names its options take.</summary>
internal sealed record TextClassifySettings(bool Hash, int? Vocabulary, int? MaxLength, PaddingSide Padding, int Embedding, TextPooling Pooling,
    int Units, int Epochs, int Batch, float LearningRate, int Seed, int Threads, string Out)
{
    public void Validate()
    {
        if (Hash && Vocabulary is null)
            throw new UsageException("--encoding hash needs --vocabulary N, the number of hash buckets (the tutorial's 50)");
        if (Vocabulary is < 2)
            throw new UsageException($"--vocabulary must be at least 2 (id 0 is padding), received {Vocabulary}");
        if (MaxLength is < 1)
            throw new UsageException($"--max-length must be a positive number of words, received {MaxLength}");
        if (!(LearningRate > 0 && float.IsFinite(LearningRate)))
            throw new UsageException($"--lr must be a positive number, received {LearningRate}");
        if (File.Exists(Out))
            throw new UsageException($"--out {Out}: is a file, expected a folder");
    }

    internal static bool ParseEncoding(string name) => name switch
    {
        "tokenizer" => false,
        "hash" => true,
        _ => throw new UsageException($"--encoding must be tokenizer or hash, received \"{name}\""),
    };

    internal static PaddingSide ParseSide(string name) => name switch
    {
        "post" => PaddingSide.Post,
        "pre" => PaddingSide.Pre,
        _ => throw new UsageException($"--padding must be post or pre, received \"{name}\""),
    };

    internal static TextPooling ParsePooling(string name) => name switch
    {
        "flatten" => TextPooling.Flatten,
        "average" => TextPooling.Average,
        "lstm" => TextPooling.Lstm,
        "gru" => TextPooling.Gru,
        "conv1d" => TextPooling.Conv1D,
        _ => throw new UsageException($"--pooling must be flatten, average, lstm, gru or conv1d, received \"{name}\""),
    };
}
