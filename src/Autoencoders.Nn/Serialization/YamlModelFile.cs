using System.Globalization;

using System.Text.Json.Nodes;
using Autoencoders.Nn.Graphs;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Autoencoders.Nn.Serialization;

/// <summary>
/// An autoencoder described in YAML (or JSON, which YAML reads too) for <c>ae train --model FILE.yaml</c>:
/// <code>
/// name: my-conv-ae
/// loss: bce                       # mse | bce | rmse | bce_sum | mse_sum
/// encoder:
///   - Reshape: {target_shape: [1, 28, 28]}
///   - Conv2D: {filters: 16, kernel_size: 3, padding: same, activation: relu}
///   - MaxPooling2D: {}
///   - Flatten: {}
///   - {type: Dense, units: 32, activation: relu}   # the long form, as model files store layers
/// decoder:
///   - Dense: {units: 784, activation: sigmoid}
/// </code>
/// Every layer becomes the configuration <see cref="LayerFactory"/> reads, so each layer type of the library is
/// available by its name. Errors are <see cref="FormatException"/>s of one line: file:line:column, where, what.
/// See docs/model-files.md.
/// </summary>
public sealed class YamlModelFile
{
    private static readonly string[] TopLevelKeys = ["name", "loss", "encoder", "decoder"];

    private readonly Dictionary<string, Mark> layerMarks;

    private YamlModelFile(string source, Autoencoder model, Loss? loss, Dictionary<string, Mark> marks)
    {
        (Source, Model, Loss, layerMarks) = (source, model, loss, marks);
    }

    /// <summary>The file (or name) errors are reported against.</summary>
    public string Source { get; }

    /// <summary>The unbuilt autoencoder; <see cref="Build"/> builds it with errors that point into the file.</summary>
    public Autoencoder Model { get; }

    /// <summary>The loss the file names; null when it names none.</summary>
    public Loss? Loss { get; }

    public static YamlModelFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException error)
        {
            throw new FormatException($"{path}: cannot read the model file: {error.Message}", error);
        }
        return Parse(text, path);
    }

    public static YamlModelFile Parse(string text, string source)
    {
        YamlNestingLimit.Check(text, source);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException error)
        {
            throw new FormatException($"{source}:{error.Start.Line}:{error.Start.Column}: malformed YAML: {FirstSentence(error)}", error);
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner fails this way on some unterminated flow collections, and its parser on some
            // events it cannot place (an anchor or tag before a stray token), without a position.
            throw new FormatException($"{source}: malformed YAML: an unclosed [ or {{, a stray character or a misplaced anchor or tag", error);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException($"{source}: expected a mapping with \"encoder\" and \"decoder\" lists of layers, the file is {(stream.Documents.Count == 0 ? "empty" : "something else")}");

        foreach (var key in root.Children.Keys)
            if (!TopLevelKeys.Contains(Scalar(key)))
                throw new FormatException($"{At(source, key)}: unknown key \"{Scalar(key)}\", expected one of {string.Join(", ", TopLevelKeys)}");

        var marks = new Dictionary<string, Mark>();
        var budget = new ExpansionBudget(text.Length);
        LayerGraph encoder = Layers(root, "encoder", "input", source, marks, budget), decoder = Layers(root, "decoder", "code", source, marks, budget);
        Loss? loss = null;
        if (Child(root, "loss") is { } lossNode)
        {
            try
            {
                loss = Losses.Loss.Parse(Scalar(lossNode));
            }
            catch (ArgumentException error)
            {
                throw new FormatException($"{At(source, lossNode)}: {error.Message}", error);
            }
        }
        var model = new Autoencoder(encoder, decoder) { Name = Child(root, "name") is { } name ? Scalar(name) : Path.GetFileNameWithoutExtension(source) };
        return new YamlModelFile(source, model, loss, marks);
    }

    /// <summary>Builds the model for samples of <paramref name="inputShape"/>; a layer that does not fit is reported at its line.</summary>
    public void Build(Tensors.Shape inputShape, ulong seed)
    {
        try
        {
            Model.Build(inputShape, seed);
        }
        catch (ArgumentException error)
        {
            // LayerGraph.Build starts its messages with "encoder[2] ...": point at that item.
            throw new FormatException($"{AtPlace(Source, layerMarks, error.Message)}: {error.Message}", error);
        }
    }

    /// <summary>One part's list of layers: a stack, or a graph whose items add "name" and "inputs" (docs/model-files.md).</summary>
    private static LayerGraph Layers(YamlMappingNode root, string key, string inputName, string source, Dictionary<string, Mark> marks, ExpansionBudget budget)
    {
        if (Child(root, key) is not YamlSequenceNode list || list.Children.Count == 0)
            throw new FormatException($"{source}: missing \"{key}\", expected a non-empty list of layers");
        var entries = new JsonArray();
        for (int i = 0; i < list.Children.Count; i++)
        {
            string where = $"{key}[{i}]";
            YamlNode item = list.Children[i];
            marks[where] = item.Start;
            try
            {
                entries.Add(LayerConfig(item, where, budget));
            }
            catch (FormatException error)
            {
                throw new FormatException($"{At(source, item)}: {error.Message}", error);
            }
        }
        try
        {
            return GraphDescription.FromJson(entries, key, [SymbolicTensor.Placeholder(inputName)]);
        }
        catch (FormatException error)
        {
            // GraphDescription starts its messages with the entry's place ("encoder[2] ..."): point at that item.
            throw new FormatException($"{AtPlace(source, marks, error.Message)}: {error.Message}", error);
        }
    }

    private static string AtPlace(string source, Dictionary<string, Mark> marks, string message)
    {
        string where = message.Split(' ', ':')[0];
        return marks.TryGetValue(where, out var mark) ? $"{source}:{mark.Line}:{mark.Column}" : source;
    }

    /// <summary>A layer item as a configuration: the long form {type: Dense, units: 4}, or the short form {Dense: {units: 4}}.</summary>
    private static JsonObject LayerConfig(YamlNode item, string where, ExpansionBudget budget)
    {
        if (item is YamlScalarNode bare)
            return new JsonObject { ["type"] = bare.Value };
        if (item is not YamlMappingNode mapping)
            throw new FormatException($"{where}: expected a layer as a mapping, e.g. \"- Dense: {{units: 32}}\", received a list");
        if (mapping.Children.ContainsKey(new YamlScalarNode("type")))
            return ToObject(mapping, budget);
        if (mapping.Children.Count != 1)
            throw new FormatException($"{where}: expected one layer per item (\"- Dense: {{units: 32}}\"), received keys {string.Join(", ", mapping.Children.Keys.Select(Scalar))}");
        var (typeNode, settingsNode) = mapping.Children.First();
        var config = settingsNode switch
        {
            YamlMappingNode settings => ToObject(settings, budget),
            YamlScalarNode { Value: null or "" } => new JsonObject(),
            _ => throw new FormatException($"{where}: expected the settings of {Scalar(typeNode)} as a mapping, e.g. {{units: 32}}"),
        };
        if (config.ContainsKey("type"))
            throw new FormatException($"{where}: \"type\" given twice");
        config["type"] = Scalar(typeNode);
        return config;
    }

    private static JsonObject ToObject(YamlMappingNode mapping, ExpansionBudget budget)
    {
        budget.Enter(mapping);
        var result = new JsonObject(mapping.Children.Select(p => KeyValuePair.Create(Scalar(p.Key), ToJson(p.Value, budget))));
        budget.Leave();
        return result;
    }

    /// <summary>YAML to JSON: plain scalars that read as integers, numbers or booleans become those; quoted ones stay strings.</summary>
    private static JsonNode? ToJson(YamlNode node, ExpansionBudget budget) => budget.Take(node) switch
    {
        YamlMappingNode mapping => ToObject(mapping, budget),
        YamlSequenceNode sequence => ToArray(sequence, budget),
        YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain => PlainScalar(scalar.Value),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new FormatException($"unsupported YAML node at line {node.Start.Line}"),
    };

    private static JsonArray ToArray(YamlSequenceNode sequence, ExpansionBudget budget)
    {
        budget.Enter(sequence);
        var result = new JsonArray([.. sequence.Children.Select(child => ToJson(child, budget))]);
        budget.Leave();
        return result;
    }

    private static JsonNode? PlainScalar(string? value) => value switch
    {
        null or "" or "null" or "~" => null,
        "true" or "True" => JsonValue.Create(true),
        "false" or "False" => JsonValue.Create(false),
        _ when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long integer) => JsonValue.Create(integer),
        _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) => JsonValue.Create(real),
        _ => JsonValue.Create(value),
    };

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string Scalar(YamlNode node) =>
        node is YamlScalarNode scalar ? scalar.Value ?? "" : throw new FormatException($"line {node.Start.Line}: expected a plain value, received a {(node is YamlSequenceNode ? "list" : "mapping")}");

    private static string At(string source, YamlNode node) => $"{source}:{node.Start.Line}:{node.Start.Column}";

    private static string FirstSentence(YamlException error) =>
        error.InnerException?.Message is { Length: > 0 } inner ? inner : error.Message;

    /// <summary>
    /// Aliases let a node stand for another node again: nested, they make a small file stand for billions of values
    /// ("billion laughs"), all of which the conversion to JSON would build, and an alias inside the node it names
    /// would recurse until the stack overflows. Without aliases every value takes at least one character of the text,
    /// so converting more values than the text has characters is refused, and so is nesting deeper than any layer's
    /// settings need.
    /// </summary>
    private sealed class ExpansionBudget(int characters)
    {
        private const int MaximumDepth = 32;

        private int taken, depth;

        public YamlNode Take(YamlNode node) => ++taken <= characters
            ? node
            : throw new FormatException($"line {node.Start.Line}: aliases (*name) expand to more values than the file's {characters} characters could spell out");

        public void Enter(YamlNode node)
        {
            if (++depth > MaximumDepth)
                throw new FormatException($"line {node.Start.Line}: settings nested more than {MaximumDepth} deep (an alias inside the node it names?)");
        }

        public void Leave() => depth--;
    }

}
