using static Autoencoders.Tensors.Tests.GradientChecks.GradientChecker;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.GradientChecks;

/// <summary>Gradient checks for Reshape (a view), Sum and Mean.</summary>
public sealed class ShapeAndReductionGradientTests
{
    private readonly Random random = new(5);

    [Fact]
    public void Reshape()
    {
        // A following op that is not elementwise (softmax over rows), so a wrong element order would show.
        var x = Leaf(new Shape(2, 6), random);
        Assert.Equal(12, Check(g => g.Softmax(g.Reshape(x, new Shape(4, 3))), x));
    }

    [Fact]
    public void ReshapeToRank4AndBack()
    {
        var x = Leaf(new Shape(2, 12), random);
        Assert.Equal(24, Check(g => g.Reshape(g.Tanh(g.Reshape(x, new Shape(2, 2, 3, 2))), new Shape(4, 6)), x));
    }

    [Fact]
    public void Sum()
    {
        var x = Leaf(new Shape(3, 4), random);
        Assert.Equal(12, Check(g => g.Sum(x), x));
        Assert.Equal(12, Check(g => g.Sum(g.Square(x)), x));
    }

    [Fact]
    public void Mean()
    {
        var x = Leaf(new Shape(2, 3, 2), random);
        Assert.Equal(12, Check(g => g.Mean(x), x));
        Assert.Equal(12, Check(g => g.Mean(g.Exp(x)), x));
    }
}
