using System.CommandLine;
using Autoencoders.Data.Text;

namespace Autoencoders.Cli.Commands.Text;

/// <summary>The options every <c>ae text</c> command reads its documents with, and the loading that maps bad input to exit 2.</summary>
internal sealed class TextDataOptions
{
    public Option<string> Data { get; } = new("--data")
    {
        Description = "documents: a .csv/.tsv file with text and label columns (and optionally split: train/test), a folder with train/<label>/*.txt and test/<label>/*.txt (or <label>/*.txt), or fortunes:topic,topic,… (Debian's fortunes)",
        Required = true,
        HelpName = "FILE|FOLDER|fortunes:TOPICS",
    };

    public Option<string> TextColumn { get; } = new("--text-column") { Description = "the CSV/TSV column holding the documents", DefaultValueFactory = _ => "text", HelpName = "NAME" };

    public Option<string> LabelColumn { get; } = new("--label-column") { Description = "the CSV/TSV column holding the labels", DefaultValueFactory = _ => "label", HelpName = "NAME" };

    public Option<double> TestFraction { get; } = new("--test-fraction") { Description = "the share of each class held out for testing when the data has no test part (seeded, stratified); 0: none", DefaultValueFactory = _ => 0.2, HelpName = "F" };

    public Option<int?> LimitPerClass { get; } = new("--limit-per-class") { Description = "keep the first N documents of each class (of each part)", HelpName = "N" };

    public Option<int> MaxTextLength { get; } = new("--max-text-length") { Description = "refuse a document longer than this many characters", DefaultValueFactory = _ => 100_000, HelpName = "N" };

    public Option<int> Seed { get; } = new("--seed") { Description = "fixes the split, the initial weights and the batch order", DefaultValueFactory = _ => 0, HelpName = "N" };

    public IEnumerable<Option> All => [Data, TextColumn, LabelColumn, TestFraction, LimitPerClass, MaxTextLength, Seed];

    /// <summary>The documents, split; <paramref name="classifier"/>: at least two classes in the training part.</summary>
    public TextSplit Load(ParseResult parsed, bool classifier)
    {
        string source = parsed.GetValue(Data)!;
        double fraction = parsed.GetValue(TestFraction);
        if (!(fraction is >= 0 and < 1))
            throw new UsageException($"--test-fraction must be in [0, 1), received {fraction}");
        int? perClass = parsed.GetValue(LimitPerClass) is { } n ? CommonOptions.Positive(n, "--limit-per-class") : null;
        var table = new TextTableOptions
        {
            TextColumn = parsed.GetValue(TextColumn)!,
            LabelColumn = parsed.GetValue(LabelColumn)!,
            MaxTextLength = CommonOptions.Positive(parsed.GetValue(MaxTextLength), "--max-text-length"),
        };
        TextSplit split;
        try
        {
            split = TextDataSource.Load(source, table, fraction, unchecked((ulong)parsed.GetValue(Seed)), perClass);
        }
        catch (ArgumentException error)
        {
            throw new UsageException($"{source}: {error.Message}");
        }
        if (split.Train.Count == 0)
            throw new UsageException($"{source}: no training documents");
        if (classifier)
        {
            if (split.Train.ClassNames is [TextTableOptions.UnlabelledClass])
                throw new UsageException($"{source}: has no labels to learn (expected a column named \"{table.LabelColumn}\")");
            int present = split.Train.ClassCounts().Count(c => c > 0);
            if (present < 2)
                throw new UsageException($"{source}: expected at least 2 classes in the training documents, received only \"{split.Train.ClassNames[split.Train.Labels[0]]}\"");
        }
        return split;
    }
}
