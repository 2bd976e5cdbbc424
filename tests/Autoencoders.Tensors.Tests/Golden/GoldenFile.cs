using System.Text.Json;

namespace Autoencoders.Tensors.Tests.Golden;

/// <summary>Reads the JSON files written by tools/golden/make_golden.py (PyTorch on fixed inputs).</summary>
internal static class GoldenFile
{
    public static JsonElement Read(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name))).RootElement;

    public static float[] Floats(this JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(v => v.GetSingle())];

    public static void Near(float[] expected, ReadOnlySpan<float> actual, float relative = 1e-5f, float absolute = 1e-6f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= absolute + relative * Math.Abs(expected[i]),
                $"element {i}: PyTorch {expected[i]:G9}, ours {actual[i]:G9}");
    }
}
