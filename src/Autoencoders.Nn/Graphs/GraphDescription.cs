using System.Text.Json.Nodes;
using Autoencoders.Nn.Layers;

namespace Autoencoders.Nn.Graphs;

/// <summary>
/// A model graph as a list of layer entries, the form model files and YAML files share. Each entry is a layer's
/// configuration (<c>{"type": "Dense", "units": 32}</c>) and may add <c>"name"</c> (what later entries call it) and
/// <c>"inputs"</c> (a name or a list of names: the graph's inputs or earlier entries); an entry without inputs reads the
/// entry before it, or the graph's input for the first, so a plain list of layers is a chain (a Sequential) and
/// nothing else needs saying. A shared layer's later call is <c>{"shares": "encoder_dense", "name": ..., "inputs": ...}</c>.
/// Entries may come in any order that names no cycle. Errors name the entry: <c>layers[3] concat: unknown input "c9"</c>.
/// </summary>
internal static class GraphDescription
{
    private static readonly string[] StructuralKeys = ["name", "inputs", "shares"];

    /// <summary>The entries of <paramref name="graph"/>: plain layer configurations for a chain, else named entries with inputs.</summary>
    public static JsonArray ToJson(LayerGraph graph, bool named = false)
    {
        if (graph.IsChain && !named)
            return new JsonArray([.. graph.Nodes.Select(n => (JsonNode)n.Layer!.GetConfig())]);
        var seen = new HashSet<Layer>(ReferenceEqualityComparer.Instance);
        var entries = new JsonArray();
        foreach (var node in graph.Nodes)
        {
            Layer layer = node.Layer!;
            JsonObject entry = seen.Add(layer) ? layer.GetConfig() : new JsonObject { ["shares"] = layer.Name };
            entry["name"] = graph.NameOf(node);
            entry["inputs"] = new JsonArray([.. node.Inputs.Select(i => (JsonNode)graph.NameOf(i))]);
            entries.Add(entry);
        }
        return entries;
    }

    /// <summary>Reads entries into a graph on <paramref name="inputs"/>; <paramref name="outputs"/> null means the last entry.
    /// Throws <see cref="FormatException"/>s that start with the entry's place (<c>key[i]</c>).</summary>
    public static LayerGraph FromJson(JsonArray entries, string key, IReadOnlyList<SymbolicTensor> inputs, IReadOnlyList<string>? outputs = null)
    {
        if (entries.Count == 0)
            throw new FormatException($"\"{key}\" must be a non-empty list of layers");
        var parsed = new List<Entry>();
        for (int i = 0; i < entries.Count; i++)
            parsed.Add(Parse(entries[i], $"{key}[{i}]", i == 0 ? null : parsed[i - 1]));
        if (parsed.All(e => e.Name is null && e.Inputs is null && e.Shares is null) && inputs.Count == 1 && outputs is null)
            return LayerGraph.Chain(parsed.Select(e => e.Layer!), inputs[0].InputName!);

        var named = new Dictionary<string, Entry>();
        foreach (var input in inputs) named[input.InputName!] = new Entry("(input)", null, null, null, input.InputName) { Tensor = input };
        foreach (var entry in parsed)
        {
            if (entry.Name is null) continue;
            if (!named.TryAdd(entry.Name, entry))
                throw new FormatException($"{entry.Where}: the name \"{entry.Name}\" is taken by {named[entry.Name].Where}");
        }
        foreach (var entry in parsed)
        {
            if (entry.Shares is { } shared)
                entry.Layer = named.TryGetValue(shared, out var owner) && owner.Layer is not null && owner.Shares is null
                    ? owner.Layer
                    : throw new FormatException($"{entry.Where}: \"shares\": \"{shared}\" names no layer entry");
            else if (entry.Name is not null)
                entry.Layer!.Name = entry.Name;
        }
        Resolve(parsed, named, inputs);
        var outputTensors = outputs is null
            ? [parsed[^1].Tensor!]
            : outputs.Select(o => named.TryGetValue(o, out var e) ? e.Tensor! : throw new FormatException($"outputs: unknown name \"{o}\", expected one of {string.Join(", ", named.Keys)}")).ToList();
        try
        {
            return new LayerGraph(inputs, outputTensors);
        }
        catch (ArgumentException error)
        {
            throw new FormatException($"{key}: {error.Message}", error);
        }
    }

    // Makes a tensor for every entry whose inputs have one, pass after pass; what is left after a pass that made nothing
    // either names something that does not exist or waits on itself.
    private static void Resolve(List<Entry> parsed, Dictionary<string, Entry> named, IReadOnlyList<SymbolicTensor> inputs)
    {
        var pending = new List<Entry>(parsed);
        while (pending.Count > 0)
        {
            int before = pending.Count;
            pending.RemoveAll(entry =>
            {
                var sources = Sources(entry, named, inputs);
                if (sources.Any(s => s.Tensor is null)) return false;
                entry.Tensor = new SymbolicTensor(entry.Layer!, [.. sources.Select(s => s.Tensor!)], null, entry.Shares is null ? null : entry.Name);
                return true;
            });
            if (pending.Count == before)
                throw new FormatException(Stuck(pending[0], named, inputs));
        }
    }

    private static List<Entry> Sources(Entry entry, Dictionary<string, Entry> named, IReadOnlyList<SymbolicTensor> inputs)
    {
        if (entry.Inputs is null)
        {
            if (entry.Previous is not null) return [entry.Previous];
            if (inputs.Count != 1)
                throw new FormatException($"{entry.Where}: the first layer must name its \"inputs\": the model has {inputs.Count} ({string.Join(", ", inputs.Select(i => i.InputName))})");
            return [named[inputs[0].InputName!]];
        }
        return [.. entry.Inputs.Select(name => named.TryGetValue(name, out var source)
            ? source
            : throw new FormatException($"{entry.Where} {entry.Describe()}: unknown input \"{name}\", expected one of {string.Join(", ", named.Keys)}"))];
    }

    private static string Stuck(Entry start, Dictionary<string, Entry> named, IReadOnlyList<SymbolicTensor> inputs)
    {
        var path = new List<Entry> { start };
        for (Entry at = start; ;)
        {
            at = Sources(at, named, inputs).First(s => s.Tensor is null);
            int loop = path.IndexOf(at);
            if (loop >= 0)
                return $"{at.Where} {at.Describe()}: its inputs form a cycle: {string.Join(" → ", path.Skip(loop).Append(at).Select(e => e.Describe()))}";
            path.Add(at);
        }
    }

    private static Entry Parse(JsonNode? item, string where, Entry? previous)
    {
        if (item is not JsonObject json)
            throw new FormatException($"{where} must be an object with a \"type\"");
        string? name = Text(json, "name", where), shares = Text(json, "shares", where);
        string[]? inputs = json["inputs"] switch
        {
            null => null,
            JsonValue value when value.TryGetValue(out string? single) => [single],
            JsonArray list when list.Count > 0 => [.. list.Select(n => n is JsonValue v && v.TryGetValue(out string? s) ? s
                : throw new FormatException($"{where}: \"inputs\" must be names, received {n?.ToJsonString() ?? "null"}"))],
            var other => throw new FormatException($"{where}: \"inputs\" must be a name or a non-empty list of names, received {other.ToJsonString()}"),
        };
        if (shares is not null)
        {
            var extra = json.Select(p => p.Key).Except(StructuralKeys).ToList();
            if (extra.Count > 0)
                throw new FormatException($"{where}: an entry that shares \"{shares}\" takes its settings from it; remove {string.Join(", ", extra)}");
            if (name is null)
                throw new FormatException($"{where}: an entry that shares a layer needs a \"name\" of its own");
            return new Entry(where, null, inputs, shares, name) { Previous = previous };
        }
        var config = new JsonObject(json.Where(p => !StructuralKeys.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        return new Entry(where, LayerFactory.FromConfig(config, where), inputs, null, name) { Previous = previous };
    }

    private static string? Text(JsonObject json, string key, string where) => json[key] switch
    {
        null => null,
        JsonValue value when value.TryGetValue(out string? text) && text.Length > 0 => text,
        var other => throw new FormatException($"{where}: \"{key}\" must be a non-empty string, received {other.ToJsonString()}"),
    };

    private sealed class Entry(string where, Layer? layer, string[]? inputs, string? shares, string? name)
    {
        public string Where { get; } = where;

        public Layer? Layer { get; set; } = layer;

        public string[]? Inputs { get; } = inputs;

        public string? Shares { get; } = shares;

        public string? Name { get; } = name;

        public Entry? Previous { get; init; }

        public SymbolicTensor? Tensor { get; set; }

        public string Describe() => Name ?? Layer?.TypeName ?? Where;
    }
}
