using Autoencoders.Tensors.Autodiff;
using static Autoencoders.Tensors.Tests.GradientChecks.GradientChecker;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.GradientChecks;

/// <summary>A tensor used more than once receives the sum of every use's gradient (micrograd's +=).</summary>
public sealed class AccumulationGradientTests
{
    private readonly Random random = new(17);

    private Tensor X(params int[] dims) => Leaf(new Shape(dims), AwayFromZero(random, new Shape(dims).ElementCount, 0.3f, 1.5f));

    [Fact]
    public void BothOperandsOfOneOp()
    {
        var x = X(2, 3);
        Assert.Equal(6, Check(g => g.Multiply(x, x), x)); // 2x
        Assert.Equal(6, Check(g => g.Add(x, x), x));      // 2
    }

    [Fact]
    public void BothOperandsCancelling()
    {
        var x = X(2, 3);
        var graph = new Graph(TestBackends.SingleThreaded);
        graph.Backward(graph.Sum(graph.Add(graph.Subtract(x, x), graph.Divide(x, x)))); // x − x + x / x: zero gradient
        Assert.All(x.Grad!.ToArray(), v => Assert.Equal(0f, v, 1e-6f));
        Assert.Equal(6, Check(g => g.Subtract(g.Square(x), x), x));
    }

    [Fact]
    public void BothOperandsOfAMatMul()
    {
        var x = X(3, 4);
        Assert.Equal(12, Check(g => g.MatMul(x, x, transposeA: false, transposeB: true), x)); // x · xᵀ
        Assert.Equal(12, Check(g => g.MatMul(x, x, transposeA: true, transposeB: false), x)); // xᵀ · x
    }

    [Fact]
    public void DifferentOps()
    {
        var x = X(2, 3);
        Assert.Equal(6, Check(g => g.Add(g.Tanh(x), g.Scale(x, 3f)), x));
        Assert.Equal(6, Check(g => g.Multiply(g.Exp(x), g.Sigmoid(x)), x));
    }

    [Fact]
    public void AScalarComputedFromTheTensorAndBroadcastBack()
    {
        var x = X(3, 4);
        Assert.Equal(12, Check(g => g.Multiply(x, g.Mean(x)), x));            // x · mean(x)
        Assert.Equal(12, Check(g => g.Subtract(x, g.Mean(x)), x));            // centring
        Assert.Equal(12, Check(g => g.Divide(x, g.Sqrt(g.Mean(g.Square(x)))), x)); // RMS normalisation
    }

    [Fact]
    public void AResidualConnection()
    {
        var (x, w, b) = (X(3, 4), Leaf(new Shape(4, 4), random), Leaf(new Shape(4), random));
        Assert.Equal(12 + 16 + 4, Check(g => g.Add(g.Tanh(g.Linear(x, w, b)), x), x, w, b));
    }

    [Fact]
    public void AReshapedViewAndItsSource()
    {
        var x = X(2, 6);
        Assert.Equal(12, Check(g => g.Add(g.Reshape(g.Square(g.Reshape(x, new Shape(3, 4))), new Shape(2, 6)), x), x));
    }
}
