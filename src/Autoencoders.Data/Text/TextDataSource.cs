namespace Autoencoders.Data.Text;

/// <summary>
/// Opens a text data source by name: <c>fortunes:topic,topic,…</c>, a folder in the folder-per-class layout, or a
/// .csv/.tsv file (whose <c>split</c> column, when it has one, fixes the parts). A source without a test part is split by <see cref="TextSplit.Stratified"/> (a test fraction of 0: none).
/// </summary>
public static class TextDataSource
{
    public static TextSplit Load(string source, TextTableOptions? table = null, double testFraction = 0.2, ulong seed = 0, int? limitPerClass = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        table ??= new TextTableOptions();
        TextCorpus train;
        TextCorpus? test = null;
        if (source.StartsWith(FortunesReader.SourcePrefix, StringComparison.Ordinal))
            train = FortunesReader.Read([.. source[FortunesReader.SourcePrefix.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
        else if (Directory.Exists(source))
            (train, test) = ClassFolderReader.Read(source, table.MaxTextLength);
        else if (File.Exists(source))
            (train, test) = TextTableReader.ReadParts(source, table);
        else
            throw new FileNotFoundException($"{source}: no such file or folder (expected a .csv/.tsv file, a folder with one folder per class, or {FortunesReader.SourcePrefix}topic,topic)");
        if (limitPerClass is { } perClass)
        {
            train = train.LimitPerClass(perClass);
            test = test?.LimitPerClass(perClass);
        }
        if (test is not null) return new TextSplit(train, test);
        // No test part wanted (the seeds' example scores its training sentences): an empty one.
        return testFraction == 0 ? new TextSplit(train, train.Subset([])) : TextSplit.Stratified(train, testFraction, seed);
    }
}
