using System.Text.Json;

namespace Autoencoders.Tensors.Tests.Golden;

/// <summary>
/// Reads the JSON files that tools/golden/make_golden.py writes from PyTorch 1.13 on fixed inputs
/// (regenerate: <c>/usr/bin/python3 tools/golden/make_golden.py</c>). Numbers are float32 values written exactly.
/// Tolerance: 1e-5 relative plus 1e-6 absolute, room for float32 rounding in a different operation order.
/// </summary>
internal static class GoldenFile
{
    public const double Relative = 1e-5, Absolute = 1e-6;

    public static JsonElement Read(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Golden", name);
        Assert.True(File.Exists(path), $"golden file {path} is missing: the csproj copies Golden/*.json to the output folder");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    public static float[] Floats(this JsonElement element, string property) => element.GetProperty(property).Floats();

    public static float[] Floats(this JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetSingle())];

    public static float Single(this JsonElement element, string property) => element.GetProperty(property).GetSingle();

    /// <summary>Asserts <paramref name="actual"/> is within the golden tolerance of PyTorch's values.</summary>
    public static void AssertNear(float[] expected, ReadOnlySpan<float> actual, string what) =>
        Near.All([.. expected.Select(v => (double)v)], actual, Relative, Absolute, what + " (PyTorch vs ours)");
}
