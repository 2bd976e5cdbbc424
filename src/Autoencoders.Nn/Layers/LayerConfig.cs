using System.Text.Json.Nodes;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// Typed reads of one layer's JSON configuration, each failure a <see cref="FormatException"/> that names where
/// the layer is (<c>encoder[2]</c>), the key, and what was expected and received.
/// </summary>
public sealed class LayerConfig(JsonObject json, string where)
{
    public JsonObject Json { get; } = json;

    public string Where { get; } = where;

    public string Type => Text("type") ?? throw Error("missing \"type\"");

    public string? Text(string key) => Json[key] switch
    {
        null => null,
        JsonValue value when value.TryGetValue(out string? text) => text,
        var other => throw Error($"\"{key}\" must be a string, received {other.ToJsonString()}"),
    };

    public int? Integer(string key) => Json[key] switch
    {
        null => null,
        JsonValue value when Number(value) is { } n && n == Math.Floor(n) && Math.Abs(n) <= int.MaxValue => (int)n,
        var other => throw Error($"\"{key}\" must be an integer, received {other.ToJsonString()}"),
    };

    public float? Real(string key) => Json[key] switch
    {
        null => null,
        JsonValue value when Number(value) is { } n && double.IsFinite(n) => (float)n,
        var other => throw Error($"\"{key}\" must be a number, received {other.ToJsonString()}"),
    };

    /// <summary>Any JSON number, whatever .NET type holds it (parsed text, or int, long, float, double built in memory).</summary>
    private static double? Number(JsonValue value) =>
        value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
            : null;

    public bool? Boolean(string key) => Json[key] switch
    {
        null => null,
        JsonValue value when value.TryGetValue(out bool flag) => flag,
        var other => throw Error($"\"{key}\" must be true or false, received {other.ToJsonString()}"),
    };

    /// <summary>A list of integers; a single integer n reads as [n].</summary>
    public int[]? Integers(string key) => Json[key] switch
    {
        null => null,
        JsonArray list => [.. list.Select((item, i) => item is JsonValue v && Number(v) is { } n && n == Math.Floor(n) && Math.Abs(n) <= int.MaxValue ? (int)n
            : throw Error($"\"{key}\"[{i}] must be an integer, received {item?.ToJsonString() ?? "null"}"))],
        JsonValue value when Number(value) is { } single && single == Math.Floor(single) && Math.Abs(single) <= int.MaxValue => [(int)single],
        var other => throw Error($"\"{key}\" must be a list of integers, received {other.ToJsonString()}"),
    };

    /// <summary>A nested configuration, e.g. a regularizer: an object with a "type", or a bare type name.</summary>
    public LayerConfig? Object(string key) => Json[key] switch
    {
        null => null,
        JsonObject nested => new LayerConfig(nested, $"{Where}.{key}"),
        JsonValue value when value.TryGetValue(out string? type) => new LayerConfig(new JsonObject { ["type"] = type }, $"{Where}.{key}"),
        var other => throw Error($"\"{key}\" must be an object with a \"type\", received {other.ToJsonString()}"),
    };

    public int RequiredInteger(string key) => Integer(key) ?? throw Error($"{Type} needs \"{key}\"");

    public FormatException Error(string message) => new($"{Where}: {message}");
}
