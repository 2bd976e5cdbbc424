using Autoencoders.Tensors.Autodiff;
using static Autoencoders.Tensors.Tests.GradientChecks.GradientChecker;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.GradientChecks;

/// <summary>Gradient checks for the elementwise functions, Affine/Scale and Softmax.</summary>
public sealed class UnaryGradientTests
{
    public static TheoryData<string> Ops() =>
        ["relu", "leaky_relu", "leaky_relu_default_slope", "sigmoid", "tanh", "exp", "log", "softplus", "sqrt", "square", "abs", "affine", "scale"];

    [Theory]
    [MemberData(nameof(Ops))]
    public void Elementwise(string op)
    {
        var random = new Random(op.GetHashCode(StringComparison.Ordinal) & 0xFFFF);
        // Clear of the kinks at 0 (ReLU, LeakyReLU, Abs) by construction; positive for log and sqrt.
        float[] values = op is "log" or "sqrt" ? Uniform(random, 15, 0.5f, 2f) : AwayFromZero(random, 15, 0.2f, 2f);
        var x = Leaf(new Shape(3, 5), values);
        Func<Graph, Tensor> f = op switch
        {
            "relu" => g => g.Relu(x),
            "leaky_relu" => g => g.LeakyRelu(x, 0.2f),
            "leaky_relu_default_slope" => g => g.LeakyRelu(x),
            "sigmoid" => g => g.Sigmoid(x),
            "tanh" => g => g.Tanh(x),
            "exp" => g => g.Exp(x),
            "log" => g => g.Log(x),
            "softplus" => g => g.Softplus(x),
            "sqrt" => g => g.Sqrt(x),
            "square" => g => g.Square(x),
            "abs" => g => g.Abs(x),
            "affine" => g => g.Affine(x, -1.5f, 0.25f),
            _ => g => g.Scale(x, 2.5f),
        };
        Assert.Equal(15, Check(f, x));
    }

    [Fact]
    public void ReluAndLeakyReluPassOnlyTheirSlopeBelowZero()
    {
        var x = Leaf(new Shape(4), [-2f, -0.5f, 0.5f, 2f]);
        var graph = new Graph(TestBackends.SingleThreaded);
        graph.Backward(graph.Sum(graph.LeakyRelu(x, 0.1f)));
        Assert.Equal(new[] { 0.1f, 0.1f, 1f, 1f }, x.Grad!.ToArray());
        graph.Reset();
        x.GradientWritten = false;
        graph.Backward(graph.Sum(graph.Relu(x)));
        Assert.Equal(new[] { 0f, 0f, 1f, 1f }, x.Grad!.ToArray());
    }

    [Theory]
    [InlineData(new[] { 3, 5 })]
    [InlineData(new[] { 2, 2, 4 })]
    [InlineData(new[] { 7 })]
    public void SoftmaxOverTheLastDimension(int[] dims)
    {
        var shape = new Shape(dims);
        var x = Leaf(shape, new Random(shape.ElementCount), -2f, 2f);
        Assert.Equal(shape.ElementCount, Check(g => g.Softmax(x), x));
    }
}
