using System.Text.Json;
using System.Text.Unicode;

namespace Autoencoders.Data;

/// <summary>Parses and validates a safetensors JSON header, applying the reference reader's checks one for one.</summary>
/// <remarks>
/// Mirrors huggingface/safetensors <c>read_metadata</c> and <c>Metadata::validate</c>: valid UTF-8 JSON object;
/// every entry has dtype, shape and data_offsets; entries sorted by offsets must tile the data section from 0
/// without gaps or overlaps; each span must equal product(shape) × dtype size, in checked arithmetic. Only
/// F32 is accepted because that is all the product writes. The JSON is walked with <see cref="JsonDocument"/>,
/// never deserialised into types the file could choose.
/// </remarks>
internal static class SafeTensorsHeaderParser
{
    /// <summary>Returns the entries sorted by offset, the metadata, and the data length the entries cover.</summary>
    public static (SafeTensorsEntry[] Entries, Dictionary<string, string> Metadata, ulong DataLength) Parse(byte[] header, string path)
    {
        if (!Utf8.IsValid(header))
        {
            throw DataErrors.Invalid(path, "header is not valid UTF-8");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException exception)
        {
            throw DataErrors.Invalid(path, $"header is not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw DataErrors.Invalid(path, $"header is a JSON {Describe(root.ValueKind)}, expected an object");
            }

            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<SafeTensorsEntry>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    throw DataErrors.Invalid(path, $"header has \"{property.Name}\" twice");
                }
                if (property.Name == SafeTensorsHeaderWriter.MetadataKey)
                {
                    ReadMetadata(property.Value, metadata, path);
                }
                else
                {
                    entries.Add(SafeTensorsEntryParser.Parse(property.Name, property.Value, path));
                }
            }

            SafeTensorsEntry[] sorted = entries.OrderBy(entry => entry.Begin).ThenBy(entry => entry.End).ToArray();
            return (sorted, metadata, ValidateLayout(sorted, path));
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw DataErrors.Invalid(path, $"\"__metadata__\" is a JSON {Describe(value.ValueKind)}, expected an object of strings");
        }
        foreach (JsonProperty entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw DataErrors.Invalid(path, $"\"__metadata__\" entry \"{entry.Name}\" is a JSON {Describe(entry.Value.ValueKind)}, expected a string");
            }
            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
            {
                throw DataErrors.Invalid(path, $"\"__metadata__\" has \"{entry.Name}\" twice");
            }
        }
    }

    // The entries are sorted by offset; together they must cover [0, end) exactly once.
    private static ulong ValidateLayout(SafeTensorsEntry[] sorted, string path)
    {
        ulong expectedBegin = 0;
        foreach (SafeTensorsEntry entry in sorted)
        {
            string offsets = $"data_offsets [{entry.Begin}, {entry.End}]";
            if (entry.End < entry.Begin)
            {
                throw DataErrors.Invalid(path, $"tensor \"{entry.Name}\": {offsets} end before they begin");
            }
            if (entry.Begin != expectedBegin)
            {
                string problem = entry.Begin > expectedBegin ? "leave a gap" : "overlap the previous tensor";
                throw DataErrors.Invalid(path, $"tensor \"{entry.Name}\": {offsets} {problem}; expected it to begin at {expectedBegin}");
            }

            ulong byteLength = ByteLength(entry, path);
            if (entry.End - entry.Begin != byteLength)
            {
                throw DataErrors.Invalid(path, $"tensor \"{entry.Name}\": shape [{string.Join(", ", entry.Shape)}] needs {byteLength} bytes of F32, but {offsets} span {entry.End - entry.Begin}");
            }
            expectedBegin = entry.End;
        }
        return expectedBegin;
    }

    private static ulong ByteLength(SafeTensorsEntry entry, string path)
    {
        try
        {
            ulong elements = 1;
            foreach (int size in entry.Shape)
            {
                elements = checked(elements * (ulong)size);
            }
            return checked(elements * sizeof(float));
        }
        catch (OverflowException)
        {
            throw DataErrors.Invalid(path, $"tensor \"{entry.Name}\": shape [{string.Join(", ", entry.Shape)}] overflows 64-bit sizes");
        }
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
