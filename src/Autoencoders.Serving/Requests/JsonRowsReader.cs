using System.Globalization;
using System.Text.Json;

namespace Autoencoders.Serving.Requests;

/// <summary>
/// <c>{"rows": [[v, …], …]}</c> (values in the model's column order) or <c>{"rows": [{"column": v, …}, …]}</c> (matched by
/// name), with an optional <c>"explain": K</c>. Rows are numbered from 1 in errors, as in a CSV file below its header.
/// </summary>
internal static class JsonRowsReader
{
    public static RequestRows Read(ReadOnlyMemory<byte> body, ColumnMap columns)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException error)
        {
            throw RequestException.BadRequest($"request body: expected JSON, {error.Message.Split(" Path:")[0].TrimEnd('.')}");
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("rows", out JsonElement rows))
                throw RequestException.BadRequest($"request body: expected an object {{\"rows\": [...]}}, received {Describe(root)}");
            if (rows.ValueKind != JsonValueKind.Array)
                throw RequestException.BadRequest($"\"rows\": expected an array of rows, received {Describe(rows)}");
            int? explain = root.TryGetProperty("explain", out JsonElement k) ? ReadExplain(k) : null;
            int count = rows.GetArrayLength();
            if (count == 0) throw RequestException.BadRequest("\"rows\": expected at least one row, received none");
            var values = new float[checked(count * columns.Count)];
            int index = 0;
            foreach (JsonElement row in rows.EnumerateArray())
            {
                Span<float> destination = values.AsSpan(index * columns.Count, columns.Count);
                string where = string.Create(CultureInfo.InvariantCulture, $"row {index + 1:N0}");
                if (row.ValueKind == JsonValueKind.Array) ReadArray(row, destination, columns, where);
                else if (row.ValueKind == JsonValueKind.Object) ReadObject(row, destination, columns, where);
                else throw RequestException.BadRequest($"{where}: expected an array of {columns.Count} numbers or an object of columns, received {Describe(row)}");
                index++;
            }
            return new RequestRows(values, count, explain);
        }
    }

    private static void ReadArray(JsonElement row, Span<float> destination, ColumnMap columns, string where)
    {
        int length = row.GetArrayLength();
        if (length != columns.Count)
            throw RequestException.BadRequest($"{where}: expected {columns.Count} values, received {length}");
        int j = 0;
        foreach (JsonElement cell in row.EnumerateArray())
        {
            destination[j] = Number(cell, where, columns[j]);
            j++;
        }
    }

    private static void ReadObject(JsonElement row, Span<float> destination, ColumnMap columns, string where)
    {
        Span<bool> seen = columns.Count <= 1024 ? stackalloc bool[columns.Count] : new bool[columns.Count];
        foreach (JsonProperty cell in row.EnumerateObject())
        {
            int j = columns.IndexOf(cell.Name, where);
            if (j < 0) continue; // the label travels with the row but is not a feature
            destination[j] = Number(cell.Value, where, cell.Name);
            seen[j] = true;
        }
        columns.RequireAll(seen, where);
    }

    private static float Number(JsonElement cell, string where, string column)
    {
        // Parsed straight to float, as the CSV reader parses a cell: through double, a rare decimal would round twice.
        if (cell.ValueKind == JsonValueKind.Number && cell.TryGetSingle(out float value) && float.IsFinite(value))
            return value;
        throw RequestException.BadRequest($"{where}, column \"{column}\": expected a finite number, received {Describe(cell)}");
    }

    private static int ReadExplain(JsonElement k) =>
        k.ValueKind == JsonValueKind.Number && k.TryGetInt32(out int count) && count >= 0 ? count
            : throw RequestException.BadRequest($"\"explain\": expected a number of features (0 or more), received {Describe(k)}");

    /// <summary>A JSON value for an error message, cut short: the message stays on one readable line.</summary>
    private static string Describe(JsonElement value)
    {
        string text = value.GetRawText();
        return text.Length <= 40 ? text : text[..37] + "...";
    }
}
