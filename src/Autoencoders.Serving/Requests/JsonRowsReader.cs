using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Autoencoders.Serving.Requests;

/// <summary>
/// <c>{"rows": [[v, …], …]}</c> (values in the model's column order) or <c>{"rows": [{"column": v, …}, …]}</c> (matched by
/// name), with an optional <c>"explain": K</c>. Rows are numbered from 1 in errors, as in a CSV file below its header.
/// </summary>
/// <remarks>
/// One forward pass over the bytes with <see cref="Utf8JsonReader"/>, numbers written straight into the row buffer: a
/// document object model of 256 images (200,000 numbers) took 30 ms to build and walk, several times the forward pass.
/// </remarks>
internal static class JsonRowsReader
{
    private const int LongestQuotedValue = 40;

    public static RequestRows Read(ReadOnlyMemory<byte> body, ColumnMap columns)
    {
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            return ReadBody(ref reader, columns);
        }
        catch (JsonException error)
        {
            throw RequestException.BadRequest($"request body: expected JSON, {error.Message.Split(" Path:")[0].TrimEnd('.')}");
        }
    }

    private static RequestRows ReadBody(ref Utf8JsonReader reader, ColumnMap columns)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw RequestException.BadRequest($"request body: expected an object {{\"rows\": [...]}}, received {Describe(ref reader)}");
        RowBuffer? rows = null;
        int? explain = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("rows"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                    throw RequestException.BadRequest($"\"rows\": expected an array of rows, received {Describe(ref reader)}");
                rows = ReadRows(ref reader, columns);
            }
            else if (reader.ValueTextEquals("explain"u8))
            {
                reader.Read();
                explain = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int k) && k >= 0 ? k
                    : throw RequestException.BadRequest($"\"explain\": expected a number of features (0 or more), received {Describe(ref reader)}");
            }
            else
            {
                reader.Read();
                reader.Skip(); // other fields (an id, a client's note) are the client's business
            }
        }
        if (rows is null) throw RequestException.BadRequest("request body: expected an object {\"rows\": [...]}, received one without \"rows\"");
        if (rows.Count == 0) throw RequestException.BadRequest("\"rows\": expected at least one row, received none");
        return new RequestRows(rows.ToArray(), rows.Count, explain);
    }

    private static RowBuffer ReadRows(ref Utf8JsonReader reader, ColumnMap columns)
    {
        var rows = new RowBuffer(columns.Count);
        var seen = new bool[columns.Count]; // reused by every object row
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            string where = string.Create(CultureInfo.InvariantCulture, $"row {rows.Count + 1:N0}");
            Span<float> row = rows.Add();
            if (reader.TokenType == JsonTokenType.StartArray) ReadArray(ref reader, row, columns, where);
            else if (reader.TokenType == JsonTokenType.StartObject) ReadObject(ref reader, row, seen, columns, where);
            else throw RequestException.BadRequest($"{where}: expected an array of {columns.Count} numbers or an object of columns, received {Describe(ref reader)}");
        }
        return rows;
    }

    private static void ReadArray(ref Utf8JsonReader reader, Span<float> row, ColumnMap columns, string where)
    {
        int j = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (j == row.Length)
                throw RequestException.BadRequest($"{where}: expected {columns.Count} values, received more");
            row[j] = Number(ref reader, where, columns[j]);
            j++;
        }
        if (j != row.Length) throw RequestException.BadRequest($"{where}: expected {columns.Count} values, received {j}");
    }

    private static void ReadObject(ref Utf8JsonReader reader, Span<float> row, Span<bool> seen, ColumnMap columns, string where)
    {
        seen.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            int j = columns.IndexOf(name, where);
            reader.Read();
            if (j < 0)
            {
                reader.Skip(); // the label travels with the row but is not a feature
                continue;
            }
            row[j] = Number(ref reader, where, name);
            seen[j] = true;
        }
        columns.RequireAll(seen, where);
    }

    private static float Number(ref Utf8JsonReader reader, string where, string column)
    {
        // Parsed straight to float, as the CSV reader parses a cell: through double, a rare decimal would round twice.
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetSingle(out float value) && float.IsFinite(value))
            return value;
        throw RequestException.BadRequest($"{where}, column \"{column}\": expected a finite number, received {Describe(ref reader)}");
    }

    /// <summary>The current value for an error message, cut short so that the message stays one readable line.</summary>
    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.None => "nothing",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => $"\"{Shorten(reader.GetString()!)}\"",
        _ => Shorten(Encoding.UTF8.GetString(reader.ValueSpan)),
    };

    private static string Shorten(string text) => text.Length <= LongestQuotedValue ? text : $"{text[..LongestQuotedValue]}…";

    /// <summary>Rows of a fixed width in one growing array: the count of rows is known only at the closing bracket.</summary>
    private sealed class RowBuffer(int width)
    {
        private float[] values = new float[width * 16];

        public int Count { get; private set; }

        public Span<float> Add()
        {
            if ((Count + 1) * width > values.Length) Array.Resize(ref values, values.Length * 2);
            return values.AsSpan(Count++ * width, width);
        }

        public float[] ToArray() => values.Length == Count * width ? values : values[..(Count * width)];
    }
}
