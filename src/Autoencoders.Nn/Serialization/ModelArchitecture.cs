using System.Text.Json;
using System.Text.Json.Nodes;
using Autoencoders.Nn.Graphs;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Serialization;

/// <summary>
/// A model's architecture as JSON, apart from its weights (Keras's get_config / from_config):
/// <c>{"class": "Autoencoder", "name": ..., "input_shape": [784], "encoder": [layer configs], "decoder": [...]}</c>
/// or <c>{"class": "Sequential", ..., "layers": [...]}</c>.
/// </summary>
public static class ModelArchitecture
{
    public static JsonObject ToJson(Model model)
    {
        if (!model.IsBuilt)
            throw new InvalidOperationException($"model {model.Name} is not built: its input shape is unknown");
        var json = new JsonObject
        {
            ["class"] = model switch { Autoencoder => "Autoencoder", Sequential => "Sequential", Functional => "Functional", _ => throw new NotSupportedException($"cannot describe a {model.GetType().Name}") },
            ["name"] = model.Name,
            ["input_shape"] = new JsonArray([.. model.InputShape.ToArray().Select(d => (JsonNode)d)]),
        };
        switch (model)
        {
            case Autoencoder autoencoder:
                json["encoder"] = GraphDescription.ToJson(autoencoder.EncoderGraph);
                json["decoder"] = GraphDescription.ToJson(autoencoder.DecoderGraph);
                break;
            case Functional functional:
                json["inputs"] = new JsonArray([.. functional.Inputs.Select(i => (JsonNode)new JsonObject
                {
                    ["name"] = i.InputName,
                    ["shape"] = new JsonArray([.. i.Shape.ToArray().Select(d => (JsonNode)d)]),
                })]);
                json["layers"] = GraphDescription.ToJson(functional.Graph, named: true);
                json["outputs"] = new JsonArray([.. functional.Outputs.Select(o => (JsonNode)functional.Graph.NameOf(o))]);
                break;
            case Sequential sequential:
                json["layers"] = Layers(sequential.Layers);
                break;
        }
        return json;
    }

    /// <summary>Rebuilds the (unbuilt) model and its input shape; throws <see cref="FormatException"/> saying what and where.</summary>
    public static (Model Model, Shape InputShape) FromJson(JsonObject json)
    {
        string modelClass = Text(json, "class");
        int[] inputShape = Dimensions(json["input_shape"], "input_shape", Shape.MaxRank - 1);
        Model model = modelClass switch
        {
            "Autoencoder" => new Autoencoder(
                GraphDescription.FromJson(List(json, "encoder"), "encoder", [SymbolicTensor.Placeholder("input")]),
                GraphDescription.FromJson(List(json, "decoder"), "decoder", [SymbolicTensor.Placeholder("code")])),
            "Sequential" => new Sequential(Layers(json, "layers")),
            "Functional" => ReadFunctional(json),
            _ => throw new FormatException($"unknown model class \"{modelClass}\", expected Autoencoder, Sequential or Functional"),
        };
        if (json["name"] is JsonValue name && name.TryGetValue(out string? text)) model.Name = text;
        return (model, new Shape(inputShape));
    }

    public static JsonObject Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new FormatException("the architecture is not a JSON object");
        }
        catch (JsonException error)
        {
            throw new FormatException($"the architecture is not valid JSON: {error.Message}", error);
        }
    }

    /// <summary>A functional model: <c>"inputs": [{"name": "image", "shape": [1, 28, 28]}]</c>, <c>"layers"</c> as graph entries
    /// (see <see cref="GraphDescription"/>) and <c>"outputs": ["conv2d_2"]</c>.</summary>
    private static Functional ReadFunctional(JsonObject json)
    {
        if (json["inputs"] is not JsonArray declared || declared.Count == 0)
            throw new FormatException("\"inputs\" must be a non-empty list of {\"name\", \"shape\"}");
        var inputs = declared.Select((item, i) => item is JsonObject input && input["name"] is JsonValue name && name.TryGetValue(out string? text)
            ? SymbolicTensor.Input(new Shape(Dimensions(input["shape"], $"inputs[{i}].shape", Shape.MaxRank - 1)), text)
            : throw new FormatException($"inputs[{i}] must be an object with a \"name\" and a \"shape\"")).ToList();
        string[] outputs = json["outputs"] is JsonArray names && names.Count > 0
            ? [.. names.Select((n, i) => n is JsonValue v && v.TryGetValue(out string? text) ? text : throw new FormatException($"outputs[{i}] must be a name"))]
            : throw new FormatException("\"outputs\" must be a non-empty list of names");
        return new Functional(GraphDescription.FromJson(List(json, "layers"), "layers", inputs, outputs));
    }

    private static int[] Dimensions(JsonNode? node, string where, int maxRank) =>
        node is JsonArray dims && dims.Count > 0 && dims.Count <= maxRank
            ? [.. dims.Select((d, i) => d is JsonValue v && v.TryGetValue(out int n) && n > 0 ? n : throw new FormatException($"{where}[{i}] must be a positive integer"))]
            : throw new FormatException($"\"{where}\" must be a list of 1 to {maxRank} positive integers");

    private static JsonArray List(JsonObject json, string key) =>
        json[key] as JsonArray ?? throw new FormatException($"\"{key}\" must be a non-empty list of layers");

    private static JsonArray Layers(IEnumerable<Layer> layers) => new([.. layers.Select(l => (JsonNode)l.GetConfig())]);

    private static List<Layer> Layers(JsonObject json, string key)
    {
        if (json[key] is not JsonArray list || list.Count == 0)
            throw new FormatException($"\"{key}\" must be a non-empty list of layers");
        return [.. list.Select((item, i) => item is JsonObject config
            ? LayerFactory.FromConfig(config, $"{key}[{i}]")
            : throw new FormatException($"{key}[{i}] must be an object with a \"type\""))];
    }

    private static string Text(JsonObject json, string key) =>
        json[key] is JsonValue value && value.TryGetValue(out string? text) ? text : throw new FormatException($"missing \"{key}\"");
}
