using Autoencoders.Tensors.Autodiff;
using static Autoencoders.Tensors.Tests.GradientChecks.GradientChecker;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.GradientChecks;

/// <summary>Gradient checks for Add, Subtract, Multiply and Divide under NumPy broadcasting, with the stretched
/// operand on either side, so both operands' reductions back to their own shapes are checked.</summary>
public sealed class BroadcastGradientTests
{
    private static readonly (string Name, int[] Full, int[] Stretched)[] Patterns =
    [
        ("same shape", [3, 4], [3, 4]),
        ("row vector", [3, 4], [4]),
        ("row vector (1, n)", [3, 4], [1, 4]),
        ("column vector", [3, 4], [3, 1]),
        ("scalar of rank 0", [3, 4], []),
        ("scalar of rank 1", [3, 4], [1]),
        ("rank 3, middle stretched", [2, 3, 4], [2, 1, 4]),
        ("rank 3 against a row", [2, 3, 4], [4]),
        ("outer: both stretched", [3, 1], [1, 4]),
    ];

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (string op in new[] { "add", "subtract", "multiply", "divide" })
            foreach (var pattern in Patterns)
                foreach (bool stretchedFirst in new[] { false, true })
                    data.Add(op, pattern.Name, stretchedFirst);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BothOperandsGetTheirGradient(string op, string pattern, bool stretchedFirst)
    {
        var (_, full, stretched) = Patterns.Single(p => p.Name == pattern);
        var random = new Random(op.Length * 100 + pattern.Length);
        // Both operands clear of zero, since either may be the divisor.
        Tensor Operand(int[] dims) => Leaf(new Shape(dims), AwayFromZero(random, new Shape(dims).ElementCount, 0.5f, 1.5f));
        var (a, b) = stretchedFirst ? (Operand(stretched), Operand(full)) : (Operand(full), Operand(stretched));
        Func<Graph, Tensor> f = op switch
        {
            "add" => g => g.Add(a, b),
            "subtract" => g => g.Subtract(a, b),
            "multiply" => g => g.Multiply(a, b),
            _ => g => g.Divide(a, b),
        };
        float step = op == "divide" ? SharpStep : DefaultStep; // 1/b curves sharply near |b| = 0.5
        Assert.Equal(a.Length + b.Length, CheckWithStep(step, f, a, b));
    }

    [Fact]
    public void TheResultHasTheBroadcastShape()
    {
        var graph = new Graph(TestBackends.SingleThreaded);
        var a = new Tensor(new Shape(2, 1, 4), new float[8]);
        var b = new Tensor(new Shape(3, 1), new float[3]);
        Assert.Equal(new Shape(2, 3, 4), graph.Add(a, b).Shape);
    }
}
