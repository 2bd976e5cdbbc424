using System.Text.Json.Nodes;

namespace Autoencoders.Data.Tests.Text;

/// <summary>text_golden.json, written by tools/golden/make_text_golden.py.</summary>
internal static class TextGolden
{
    private static readonly Lazy<JsonObject> Root = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Text", "text_golden.json")))!.AsObject());

    public static JsonArray Section(string name) => Root.Value[name]!.AsArray();

    public static int[] Ints(JsonNode? node) => [.. node!.AsArray().Select(n => (int)n!)];

    public static string[] Strings(JsonNode? node) => [.. node!.AsArray().Select(n => (string)n!)];
}
