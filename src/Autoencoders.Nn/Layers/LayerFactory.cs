using System.Text.Json.Nodes;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// Turns a layer configuration (from <see cref="Layer.GetConfig"/>, a model file or a YAML/JSON model
/// description) back into a layer. A closed list of known types: a file never names code to run.
/// </summary>
public static class LayerFactory
{
    public static IEnumerable<string> TypeNames => ["Dense", "Activation"];

    /// <summary>Builds the layer; <paramref name="where"/> prefixes error messages (e.g. <c>encoder[2]</c>).</summary>
    public static Layer FromConfig(JsonObject config, string where)
    {
        string type = Text(config, "type", where) ?? throw new FormatException($"{where}: missing \"type\"");
        try
        {
            return type switch
            {
                "Dense" => new Dense(
                    Integer(config, "units", where) ?? throw new FormatException($"{where}: Dense needs \"units\""),
                    Activation.Parse(Text(config, "activation", where)),
                    Boolean(config, "use_bias", where) ?? true,
                    Initializer.Parse(Text(config, "kernel_initializer", where) ?? Initializer.GlorotUniform.Name),
                    Initializer.Parse(Text(config, "bias_initializer", where) ?? Initializer.Zeros.Name)),
                "Activation" => new ActivationLayer(Activation.Parse(Text(config, "activation", where) ?? throw new FormatException($"{where}: Activation needs \"activation\""))),
                _ => throw new FormatException($"{where}: unknown layer type \"{type}\", expected one of {string.Join(", ", TypeNames)}"),
            };
        }
        catch (ArgumentException error)
        {
            throw new FormatException($"{where}: {error.Message}", error);
        }
    }

    private static string? Text(JsonObject config, string key, string where) =>
        config[key] switch
        {
            null => null,
            JsonValue value when value.TryGetValue(out string? text) => text,
            var other => throw new FormatException($"{where}: \"{key}\" must be a string, received {other.ToJsonString()}"),
        };

    private static int? Integer(JsonObject config, string key, string where) =>
        config[key] switch
        {
            null => null,
            JsonValue value when value.TryGetValue(out int number) => number,
            var other => throw new FormatException($"{where}: \"{key}\" must be an integer, received {other.ToJsonString()}"),
        };

    private static bool? Boolean(JsonObject config, string key, string where) =>
        config[key] switch
        {
            null => null,
            JsonValue value when value.TryGetValue(out bool flag) => flag,
            var other => throw new FormatException($"{where}: \"{key}\" must be true or false, received {other.ToJsonString()}"),
        };
}
