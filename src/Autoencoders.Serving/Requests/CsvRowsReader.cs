using System.Globalization;
using System.Text;

namespace Autoencoders.Serving.Requests;

/// <summary>
/// A <c>text/csv</c> body, read as <c>ae detect --input</c> reads a CSV file: a header naming the columns (matched by name
/// in any order, a <c>label</c> column ignored); for a model without column names the header is optional and the
/// values are taken in order. Rows are numbered from 1 below the header.
/// </summary>
internal static class CsvRowsReader
{
    private const int LongestQuotedCell = 40;

    public static RequestRows Read(ReadOnlyMemory<byte> body, ColumnMap columns)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.Span);
        }
        catch (DecoderFallbackException)
        {
            throw RequestException.BadRequest("request body: expected UTF-8 CSV text, received bytes that are not UTF-8");
        }
        string[] lines = [.. text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Trim().Length > 0)];
        if (lines.Length == 0) throw RequestException.BadRequest("request body: expected a CSV header and rows, received nothing");
        string[] header = Cells(lines[0]);
        bool hasHeader = header.Any(cell => !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        if (!hasHeader && columns.Names is not null)
            throw RequestException.BadRequest($"request body: no CSV header: expected the training columns by name ({string.Join(",", columns.Names)})");
        int[] target = hasHeader ? Targets(header, columns) : Positional(header.Length, -1, columns);
        string[] names = hasHeader ? header : [.. Enumerable.Range(1, header.Length).Select(i => $"column {i}")];
        string[] rowLines = hasHeader ? lines[1..] : lines;
        int count = rowLines.Length;
        if (count == 0) throw RequestException.BadRequest("request body: expected at least one row below the CSV header, received none");
        var values = new float[checked(count * columns.Count)];
        for (int i = 0; i < count; i++)
        {
            string where = string.Create(CultureInfo.InvariantCulture, $"row {i + 1:N0}");
            string[] cells = Cells(rowLines[i]);
            if (cells.Length != names.Length)
                throw RequestException.BadRequest($"{where}: expected {names.Length} cells (as the header), received {cells.Length}");
            for (int c = 0; c < cells.Length; c++)
            {
                if (target[c] < 0) continue;
                if (!float.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                    throw RequestException.BadRequest($"{where}, column \"{names[c]}\": expected a finite number, received \"{Shorten(cells[c])}\"");
                values[i * columns.Count + target[c]] = value;
            }
        }
        return new RequestRows(values, count, null);
    }

    /// <summary>For each header cell, the feature it fills (−1: the label).</summary>
    private static int[] Targets(string[] header, ColumnMap columns)
    {
        int label = Array.IndexOf(header, ColumnMap.LabelColumn);
        if (columns.Names is null) return Positional(header.Length, label, columns);
        int[] target = [.. header.Select(name => columns.IndexOf(name, "header"))];
        var seen = new bool[columns.Count];
        foreach (int j in target)
        {
            if (j < 0) continue;
            if (seen[j]) throw RequestException.BadRequest($"header, column \"{columns[j]}\": appears twice");
            seen[j] = true;
        }
        columns.RequireAll(seen, "header");
        return target;
    }

    // A model without names: the cells other than the label are its features, in order.
    private static int[] Positional(int cells, int label, ColumnMap columns)
    {
        int features = cells - (label >= 0 ? 1 : 0);
        if (features != columns.Count)
            throw RequestException.BadRequest($"request body: expected {columns.Count} feature columns (the model's inputs), received {features}");
        var target = new int[cells];
        for (int cell = 0, feature = 0; cell < cells; cell++) target[cell] = cell == label ? -1 : feature++;
        return target;
    }

    // Cells split on commas; a cell in double quotes loses them (the columns hold numbers and names, not commas).
    private static string[] Cells(string line) => [.. line.Split(',').Select(cell => cell.Trim().Trim('"'))];

    private static string Shorten(string cell) => cell.Length <= LongestQuotedCell ? cell : $"{cell[..LongestQuotedCell]}…";
}
