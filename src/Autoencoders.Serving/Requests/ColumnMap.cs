using System.Globalization;

namespace Autoencoders.Serving.Requests;

/// <summary>
/// Matches named values (a JSON object's keys, a CSV header) to the model's feature columns by name, as <c>ae detect
/// --input</c> matches a CSV file's header: every training column must be there, no other, in any order; a column
/// named <c>label</c> is ignored. A model without column names (images, older files) takes its values in order.
/// </summary>
internal sealed class ColumnMap
{
    public const string LabelColumn = "label";

    private readonly Dictionary<string, int>? indexOf;

    /// <param name="names">The training columns in the model's order, or null for a model without names.</param>
    public ColumnMap(IReadOnlyList<string>? names, int count)
    {
        Names = names;
        Count = count;
        if (names is null) return;
        indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++) indexOf[names[i]] = i;
    }

    /// <summary>Values per row.</summary>
    public int Count { get; }

    /// <summary>The training columns, or null: values are matched by position.</summary>
    public IReadOnlyList<string>? Names { get; }

    /// <summary>Column <paramref name="index"/> for messages: its name, else its position from 1.</summary>
    public string this[int index] => Names?[index] ?? string.Create(CultureInfo.InvariantCulture, $"column {index + 1}");

    /// <summary>The feature index of <paramref name="name"/>, −1 for the label column; refuses any other name.</summary>
    public int IndexOf(string name, string where)
    {
        if (indexOf is null) throw RequestException.BadRequest($"{where}: the model has no column names (it was trained on images or before columns were saved): expected rows as arrays of {Count} numbers");
        if (indexOf.TryGetValue(name, out int index)) return index;
        if (name == LabelColumn) return -1;
        throw RequestException.BadRequest($"{where}, column \"{name}\": not one the model was trained on (expected the columns {Describe()}, and optionally {LabelColumn})");
    }

    /// <summary>Refuses a row (or header) that left out a training column.</summary>
    public void RequireAll(ReadOnlySpan<bool> seen, string where)
    {
        for (int i = 0; i < seen.Length; i++)
            if (!seen[i]) throw RequestException.BadRequest($"{where}: no column \"{Names![i]}\": the model was trained on the columns {Describe()}");
    }

    private string Describe() => Names!.Count <= 12
        ? string.Join(",", Names)
        : string.Create(CultureInfo.InvariantCulture, $"{string.Join(",", Names.Take(6))},…,{Names[^1]} ({Names.Count} columns)");
}
