using Autoencoders.Data.Tests;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Nn.Tests.Serialization;

/// <summary>
/// YAML that would make a small file cost without bound: aliases nested so that a few hundred bytes stand for 10^9
/// values ("billion laughs"), an alias inside the node it names, and nesting deep enough to overflow the parser's
/// stack (which ends the process, not the load). Each is a one-line <see cref="FormatException"/> naming the file.
/// </summary>
public sealed class YamlNestingTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>Nine levels of ten aliases each: a 640-byte file standing for 10^9 values inside one layer's settings.</summary>
    private static string Bomb(int levels)
    {
        var lines = new List<string> { "name: bomb", "encoder:", "  - Dense:", "      units: 4", "      a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]" };
        for (int level = 1; level < levels; level++)
            lines.Add($"      a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 10))}]");
        lines.AddRange(["decoder:", "  - Dense: {units: 8}"]);
        return string.Join("\n", lines) + "\n";
    }

    [Fact]
    public void NestedAliasesAreRefusedBeforeTheyExpand()
    {
        string path = folder.WriteText("bomb.yaml", Bomb(levels: 9));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<FormatException>(() => YamlModelFile.Load(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.StartsWith($"{path}:3:5: ", error.Message);
        Assert.Contains("aliases", error.Message);
        Assert.True(allocated < 4 << 20, $"allocated {allocated} bytes for a {new FileInfo(path).Length}-byte file");
    }

    [Fact]
    public void AnAliasInsideTheNodeItNamesIsRefused()
    {
        const string Cycle = "encoder:\n  - Dense: &a {units: 4, extra: [*a]}\ndecoder:\n  - Dense: {units: 8}\n";

        var error = Assert.Throws<FormatException>(() => YamlModelFile.Parse(Cycle, "cycle.yaml"));

        Assert.StartsWith("cycle.yaml:2:5: ", error.Message);
        Assert.Contains("nested more than", error.Message);
    }

    [Theory]
    [InlineData("[", "[ and { nested more than 64 deep")]
    [InlineData("- ", "indentation or \"- \" nesting wider than 512 characters")]
    public void NestingDeeperThanAModelFileNeedsIsRefusedBeforeParsing(string level, string problem)
    {
        string text = "encoder:\n  " + string.Concat(Enumerable.Repeat(level, 100_000)) + "Dense\ndecoder: [Dense]\n";

        var error = Assert.Throws<FormatException>(() => YamlModelFile.Parse(text, "deep.yaml"));

        Assert.StartsWith("deep.yaml:2:", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void QuotesApostrophesAndCommentsDoNotCountAsNesting()
    {
        string brackets = new('[', 100), braces = new('{', 100);
        string text = $"name: \"it's [[[{brackets}\"   # a comment with {braces}\n"
            + "encoder:\n  - Dense: {units: 4, activation: relu}   # it's\ndecoder:\n  - Dense: {units: 8, activation: sigmoid}\n";

        var file = YamlModelFile.Parse(text, "quoted.yaml");

        Assert.Equal($"it's [[[{brackets}", file.Model.Name);
    }

    [Fact]
    public void AnAliasThatRepeatsASmallSettingStillLoads()
    {
        var file = YamlModelFile.Parse("""
            encoder:
              - Dense:
                  units: &width 16
                  activation: &act relu
              - Dense: {units: 4, activation: *act }
            decoder:
              - Dense:
                  units: *width
                  activation: *act
              - Dense: {units: 32, activation: sigmoid}
            """, "aliases.yaml");

        file.Build(new Tensors.Shape(32), seed: 1);
        Assert.Equal(16, file.Model.Decoder[0].OutputShape.ElementCount);
    }
}
