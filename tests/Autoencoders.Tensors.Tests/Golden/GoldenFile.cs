using System.Text.Json;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests.Golden;

/// <summary>
/// Reads the JSON files that tools/golden/make_golden.py and make_conv_golden.py write from PyTorch 1.13 on fixed
/// inputs (regenerate: <c>/usr/bin/python3 tools/golden/make_golden.py</c>, likewise the other). Numbers are float32
/// values written exactly.
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

    /// <summary>A shape stored as a list of dimensions, e.g. "x_shape": [3, 2, 7, 9].</summary>
    public static Shape Shape(this JsonElement element, string property) =>
        new([.. element.GetProperty(property).EnumerateArray().Select(d => d.GetInt32())]);

    /// <summary>The element of the "cases" array whose "name" is <paramref name="name"/>.</summary>
    public static JsonElement Case(this JsonElement file, string name) =>
        file.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>The backends a golden test runs on: three threads (OpenBLAS where installed), one thread, and the
    /// managed GEMM on three threads.</summary>
    public static readonly CpuBackend[] Backends = [TestBackends.Parallel, TestBackends.SingleThreaded, TestBackends.Managed];

    /// <summary>Asserts <paramref name="actual"/> is within the golden tolerance of PyTorch's values.</summary>
    public static void AssertNear(float[] expected, ReadOnlySpan<float> actual, string what) =>
        Near.All([.. expected.Select(v => (double)v)], actual, Relative, Absolute, what + " (PyTorch vs ours)");
}
