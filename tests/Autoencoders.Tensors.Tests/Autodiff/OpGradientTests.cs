using Autoencoders.Tensors.Autodiff;
using static Autoencoders.Tensors.Tests.Autodiff.GradientChecker;

namespace Autoencoders.Tensors.Tests.Autodiff;

/// <summary>A central-difference gradient check for every differentiable op of <see cref="Graph"/>.</summary>
public sealed class OpGradientTests
{
    private readonly Random random = new(42);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void MatMul(bool transposeA, bool transposeB)
    {
        var a = Leaf(transposeA ? new Shape(4, 3) : new Shape(3, 4), random);
        var b = Leaf(transposeB ? new Shape(5, 4) : new Shape(4, 5), random);
        Assert.Equal(32, Check(g => g.MatMul(a, b, transposeA, transposeB), a, b));
    }

    [Fact]
    public void LinearWithBias() => LinearCase(new Shape(3, 4), withBias: true);

    [Fact]
    public void LinearWithoutBias() => LinearCase(new Shape(3, 4), withBias: false);

    [Fact]
    public void LinearOnARank3BatchReadsEachSampleFlat() => LinearCase(new Shape(2, 2, 3), withBias: true);

    private void LinearCase(Shape inputShape, bool withBias)
    {
        var x = Leaf(inputShape, random);
        var w = Leaf(new Shape(inputShape.Columns, 5), random);
        var b = Leaf(new Shape(5), random);
        int expected = x.Length + w.Length + (withBias ? b.Length : 0);
        Assert.Equal(expected, withBias ? Check(g => g.Linear(x, w, b), x, w, b) : Check(g => g.Linear(x, w, null), x, w));
    }

    public static TheoryData<string, int[], int[]> BroadcastCases => new()
    {
        { "add", [3, 4], [3, 4] }, { "subtract", [3, 4], [4] }, { "multiply", [3, 4], [3, 1] }, { "divide", [3, 4], [1] },
        { "add", [2, 3, 4], [2, 1, 4] }, { "multiply", [4], [3, 4] }, { "subtract", [3, 1], [1, 4] }, { "divide", [2, 3], [2, 3] },
    };

    [Theory]
    [MemberData(nameof(BroadcastCases))]
    public void BroadcastingArithmetic(string op, int[] shapeA, int[] shapeB)
    {
        var a = Leaf(new Shape(shapeA), random);
        var b = Leaf(new Shape(shapeB), random, 0.5f, 1.5f); // away from zero, for divide
        Func<Graph, Tensor> f = op switch
        {
            "add" => g => g.Add(a, b),
            "subtract" => g => g.Subtract(a, b),
            "multiply" => g => g.Multiply(a, b),
            _ => g => g.Divide(a, b),
        };
        Assert.Equal(a.Length + b.Length, Check(f, a, b));
    }

    [Fact]
    public void ATensorUsedTwiceAccumulatesBothGradients()
    {
        var x = Leaf(new Shape(2, 3), random);
        Check(g => g.Multiply(x, x), x);
        Check(g => g.Add(g.Tanh(x), g.Scale(x, 3f)), x);
        Assert.Equal(6, Check(g => g.Add(x, x), x));
    }

    public static TheoryData<string> UnaryOps => new() { "relu", "leaky_relu", "sigmoid", "tanh", "exp", "log", "softplus", "sqrt", "square", "abs", "affine", "softmax" };

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void Unary(string op)
    {
        // Inputs kept away from kinks (0 for relu, leaky relu, abs) and from log/sqrt's domain edge.
        var x = op is "log" or "sqrt" ? Leaf(new Shape(3, 5), random, 0.5f, 2f) : AwayFromZero(new Shape(3, 5));
        Func<Graph, Tensor> f = op switch
        {
            "relu" => g => g.Relu(x),
            "leaky_relu" => g => g.LeakyRelu(x, 0.1f),
            "sigmoid" => g => g.Sigmoid(x),
            "tanh" => g => g.Tanh(x),
            "exp" => g => g.Exp(x),
            "log" => g => g.Log(x),
            "softplus" => g => g.Softplus(x),
            "sqrt" => g => g.Sqrt(x),
            "square" => g => g.Square(x),
            "abs" => g => g.Abs(x),
            "affine" => g => g.Affine(x, -1.5f, 0.25f),
            _ => g => g.Softmax(x),
        };
        Assert.Equal(15, Check(f, x));
    }

    [Fact]
    public void ReshapeSumAndMean()
    {
        var x = Leaf(new Shape(2, 6), random);
        Assert.Equal(12, Check(g => g.Tanh(g.Reshape(x, new Shape(3, 4))), x));
        Assert.Equal(12, Check(g => g.Sum(g.Square(x)), x));
        Assert.Equal(12, Check(g => g.Mean(g.Exp(x)), x));
    }

    [Fact]
    public void TwoLayerNetworkEndToEnd()
    {
        var x = Leaf(new Shape(4, 3), random);
        var w1 = Leaf(new Shape(3, 5), random);
        var b1 = Leaf(new Shape(5), random);
        var w2 = Leaf(new Shape(5, 2), random);
        var target = new Tensor(new Shape(4, 2), [0.1f, 0.9f, 0.5f, 0.3f, 0.7f, 0.2f, 0.4f, 0.6f]);
        Check(g => g.MeanSquaredError(g.Sigmoid(g.Linear(g.Tanh(g.Linear(x, w1, b1)), w2, null)), target), x, w1, b1, w2);
    }

    private Tensor AwayFromZero(Shape shape)
    {
        var t = Leaf(shape, random, 0.2f, 1.5f);
        for (int i = 0; i < t.Length; i += 2) t.Span[i] = -t.Span[i];
        return t;
    }
}
