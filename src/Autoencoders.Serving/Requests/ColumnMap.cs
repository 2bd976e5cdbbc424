using System.Globalization;

namespace Autoencoders.Serving.Requests;

/// <summary>
/// Matches named values (a JSON object's keys, a CSV header) to the model's feature columns by name, as <c>ae detect
/// --input</c> matches a CSV file's header: every training column must be there, no other, in any order; a column
/// named <c>label</c> is ignored. A model without column names (images) names its features px0, px1, ….
/// </summary>
internal sealed class ColumnMap
{
    public const string LabelColumn = "label";

    private readonly Dictionary<string, int> indexOf;
    private readonly IReadOnlyList<string> names;

    public ColumnMap(IReadOnlyList<string> names)
    {
        this.names = names;
        indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++) indexOf[names[i]] = i;
    }

    public int Count => names.Count;

    public string this[int index] => names[index];

    /// <summary>The feature index of <paramref name="name"/>, −1 for the label column; refuses any other name.</summary>
    public int IndexOf(string name, string where)
    {
        if (indexOf.TryGetValue(name, out int index)) return index;
        if (name == LabelColumn) return -1;
        throw RequestException.BadRequest($"{where}, column \"{name}\": not a training column (expected {Describe()})");
    }

    /// <summary>Refuses a row (or header) that left out a training column.</summary>
    public void RequireAll(ReadOnlySpan<bool> seen, string where)
    {
        for (int i = 0; i < seen.Length; i++)
            if (!seen[i]) throw RequestException.BadRequest($"{where}: missing column \"{names[i]}\" (expected {Describe()})");
    }

    private string Describe() => names.Count <= 8
        ? string.Join(", ", names)
        : string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", names.Take(4))}, … {names[^1]}: {names.Count} columns");
}
