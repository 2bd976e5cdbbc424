namespace Autoencoders.Data.Text;

/// <summary>Which columns of a CSV/TSV file hold the documents and their labels, and how long a document may be.</summary>
public sealed class TextTableOptions
{
    public string TextColumn { get; init; } = "text";

    /// <summary>The label column; a file without it is read as one class, <see cref="UnlabelledClass"/>.</summary>
    public string LabelColumn { get; init; } = "label";

    /// <summary>A document longer than this many characters is refused (a stray quote can swallow the rest of a file).</summary>
    public int MaxTextLength { get; init; } = 100_000;

    /// <summary>The class of every document of a file that has no label column.</summary>
    public const string UnlabelledClass = "(unlabelled)";
}
