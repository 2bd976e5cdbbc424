using System.Globalization;
using System.Text;

namespace Autoencoders.Serving.Requests;

/// <summary>A <c>text/csv</c> body: a header row naming the columns (matched by name, any order, a <c>label</c> column
/// ignored), then one row per line. Rows are numbered from 1 below the header.</summary>
internal static class CsvRowsReader
{
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
        int[] target = [.. header.Select(name => columns.IndexOf(name, "header"))];
        var seen = new bool[columns.Count];
        foreach (int j in target)
        {
            if (j < 0) continue;
            if (seen[j]) throw RequestException.BadRequest($"header, column \"{columns[j]}\": appears twice");
            seen[j] = true;
        }
        columns.RequireAll(seen, "header");
        int count = lines.Length - 1;
        if (count == 0) throw RequestException.BadRequest("request body: expected at least one row below the CSV header, received none");
        var values = new float[checked(count * columns.Count)];
        for (int i = 0; i < count; i++)
        {
            string where = string.Create(CultureInfo.InvariantCulture, $"row {i + 1}");
            string[] cells = Cells(lines[i + 1]);
            if (cells.Length != header.Length)
                throw RequestException.BadRequest($"{where}: expected {header.Length} cells as in the header, received {cells.Length}");
            for (int c = 0; c < cells.Length; c++)
            {
                if (target[c] < 0) continue;
                if (!float.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                    throw RequestException.BadRequest($"{where}, column \"{header[c]}\": expected a number, received \"{Shorten(cells[c])}\"");
                values[i * columns.Count + target[c]] = value;
            }
        }
        return new RequestRows(values, count, null);
    }

    // Cells split on commas; a cell in double quotes loses them (the columns hold numbers and names, not commas).
    private static string[] Cells(string line) => [.. line.Split(',').Select(cell => cell.Trim().Trim('"'))];

    private static string Shorten(string cell) => cell.Length <= 40 ? cell : cell[..37] + "...";
}
