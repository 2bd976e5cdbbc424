using Autoencoders.Data.Tests;

namespace Autoencoders.Cli.Tests.BadInput;

/// <summary>Model files that describe graphs wrongly (an unknown input name, a cycle, shapes that do not fit at a merge):
/// exit 2 and one line naming the file, the place and the node; a good graph file gets Keras's "Connected to" summary.</summary>
public sealed class BadModelGraphTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Write(string name, string encoder)
    {
        string path = folder.File(name);
        File.WriteAllText(path, $"encoder:\n{encoder}decoder:\n  - Dense: {{units: 784, activation: sigmoid}}\n");
        return path;
    }

    [Fact]
    public void AnUnknownInputNameIsNamed()
    {
        string path = Write("unknown.yaml", "  - Dense: {name: wide, units: 8}\n  - Add: {name: joined, inputs: [wide, narrow]}\n");
        var result = Ae.Run("summary", path);
        FileAssert.IsBadInput(result, $"{path}:3:5: encoder[1] joined: unknown input \"narrow\"");
    }

    [Fact]
    public void ACycleIsNamed()
    {
        string path = Write("cycle.yaml", "  - Dense: {name: a, units: 8, inputs: b}\n  - Dense: {name: b, units: 8, inputs: a}\n");
        var result = Ae.Run("summary", path);
        FileAssert.IsBadInput(result, $"{path}:2:5: encoder[0] a: its inputs form a cycle: a → b → a");
    }

    [Fact]
    public void AMergeOfShapesThatDoNotFitIsNamed()
    {
        string path = Write("mismatch.yaml", "  - Dense: {name: wide, units: 8}\n  - Dense: {name: narrow, units: 4}\n  - Add: {name: joined, inputs: [wide, narrow]}\n");
        var result = Ae.Run("summary", path);
        FileAssert.IsBadInput(result, $"{path}:4:5: encoder[2] joined (Add) on wide, narrow: Add expected inputs of one shape, received (8) and (4)");
    }

    [Fact]
    public void AGoodGraphShowsWhatEachLayerIsConnectedTo()
    {
        string path = Write("good.yaml", "  - Dense: {name: wide, units: 8, activation: relu}\n  - Dense: {name: narrow, units: 8}\n  - Add: {name: joined, inputs: [wide, narrow]}\n  - Dense: {units: 2}\n");
        var result = Ae.Run("summary", path);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"encoder/joined \(Add\)\s+\(None, 8\)\s+0\s+encoder/wide, encoder/narrow", result.Output);
        Assert.Matches(@"encoder/input \(InputLayer\)\s+\(None, 784\)", result.Output);
    }
}
