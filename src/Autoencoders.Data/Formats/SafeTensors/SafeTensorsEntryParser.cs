using System.Text.Json;

namespace Autoencoders.Data;

/// <summary>Reads one tensor's header entry: <c>{"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}</c>.</summary>
internal static class SafeTensorsEntryParser
{
    public static SafeTensorsEntry Parse(string name, JsonElement value, string path)
    {
        string tensor = $"tensor \"{name}\"";
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw DataErrors.Invalid(path, $"{tensor}: entry is a JSON {SafeTensorsHeaderParser.Describe(value.ValueKind)}, expected an object with dtype, shape and data_offsets");
        }

        JsonElement dtype = Require(value, "dtype", JsonValueKind.String, tensor, path);
        if (dtype.GetString() != "F32")
        {
            throw DataErrors.Invalid(path, $"{tensor}: dtype \"{dtype.GetString()}\" is not supported, expected \"F32\"");
        }

        JsonElement shapeElement = Require(value, "shape", JsonValueKind.Array, tensor, path);
        var shape = new int[shapeElement.GetArrayLength()];
        int index = 0;
        foreach (JsonElement size in shapeElement.EnumerateArray())
        {
            ulong dimension = ReadUnsigned(size, "shape", tensor, path);
            // Int32 shapes are all the rest of the product uses; a larger dimension could never be loaded anyway.
            shape[index++] = dimension <= int.MaxValue
                ? (int)dimension
                : throw DataErrors.Invalid(path, $"{tensor}: shape dimension {dimension} exceeds the largest supported size {int.MaxValue}");
        }

        JsonElement offsets = Require(value, "data_offsets", JsonValueKind.Array, tensor, path);
        if (offsets.GetArrayLength() != 2)
        {
            throw DataErrors.Invalid(path, $"{tensor}: \"data_offsets\" has {offsets.GetArrayLength()} values, expected 2 (begin, end)");
        }
        ulong begin = ReadUnsigned(offsets[0], "data_offsets", tensor, path);
        ulong end = ReadUnsigned(offsets[1], "data_offsets", tensor, path);
        return new SafeTensorsEntry(name, shape, begin, end);
    }

    private static JsonElement Require(JsonElement entry, string key, JsonValueKind kind, string tensor, string path)
    {
        if (!entry.TryGetProperty(key, out JsonElement value))
        {
            throw DataErrors.Invalid(path, $"{tensor}: missing \"{key}\"");
        }
        if (value.ValueKind != kind)
        {
            throw DataErrors.Invalid(path, $"{tensor}: \"{key}\" is a JSON {SafeTensorsHeaderParser.Describe(value.ValueKind)}, expected {SafeTensorsHeaderParser.Describe(kind)}");
        }
        return value;
    }

    private static ulong ReadUnsigned(JsonElement value, string key, string tensor, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out ulong number)
            ? number
            : throw DataErrors.Invalid(path, $"{tensor}: \"{key}\" must hold non-negative integers, found {Abbreviate(value.GetRawText())}");

    private static string Abbreviate(string json) => json.Length <= 40 ? json : json[..40] + "…";
}
