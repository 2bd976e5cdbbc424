namespace Autoencoders.Data;

/// <summary>How to read a CSV file of numeric columns.</summary>
public sealed record CsvOptions
{
    /// <summary>
    /// The label column, by header name or, failing that, by zero-based index (<c>"species"</c> or <c>"4"</c>);
    /// null when every column is a feature.
    /// </summary>
    public string? LabelColumn { get; init; }

    /// <summary>Whether the first row names the columns; null detects it (a first row with any non-numeric cell is a header).</summary>
    public bool? HasHeader { get; init; }
}
