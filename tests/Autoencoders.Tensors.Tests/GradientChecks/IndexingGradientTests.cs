using Autoencoders.Tensors.Autodiff;
using static Autoencoders.Tensors.Tests.GradientChecks.GradientChecker;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.GradientChecks;

/// <summary>Gradient checks for Gather, Slice, Concatenate and the softmax cross-entropies.</summary>
public sealed class IndexingGradientTests
{
    private readonly Random random = new(11);

    private static Tensor Ids(Shape shape, params float[] ids) => new(shape, ids);

    [Fact]
    public void GatherWithRepeatedAndUnusedRows()
    {
        var table = Leaf(new Shape(6, 3), random);
        var ids = Ids(new Shape(2, 3), 1, 4, 1, 0, 1, 4); // rows 2, 3 and 5 unused
        // Linear in the table: the quadratic check (step 1) is exact.
        Assert.Equal(18, CheckQuadratic(g => g.Gather(table, ids), table));
    }

    [Fact]
    public void GatherFeedingANonlinearOp()
    {
        var table = Leaf(new Shape(4, 2), random);
        var ids = Ids(new Shape(3, 2), 3, 3, 0, 2, 3, 1);
        Assert.Equal(8, Check(g => g.Tanh(g.Gather(table, ids)), table));
    }

    [Theory]
    [InlineData(1, 1, 2)]
    [InlineData(-1, 0, 3)]
    [InlineData(2, 2, 2)]
    public void Slice(int axis, int start, int length)
    {
        var x = Leaf(new Shape(2, 4, 5), random);
        Assert.Equal(40, CheckQuadratic(g => g.Slice(x, axis, start, length), x));
    }

    [Fact]
    public void TwoSlicesOfOneTensorAddTheirGradients()
    {
        var x = Leaf(new Shape(2, 5), random);
        Assert.Equal(10, Check(g => g.Multiply(g.Slice(x, 1, 0, 3), g.Slice(x, 1, 2, 3)), x));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void ConcatenateThree(int axis)
    {
        var a = Leaf(new Shape(2, 3, 2), random);
        var b = Leaf(axis == 1 ? new Shape(2, 1, 2) : new Shape(2, 3, 1), random);
        var c = Leaf(axis == 1 ? new Shape(2, 2, 2) : new Shape(2, 3, 3), random);
        Assert.Equal(12 + b.Length + c.Length, CheckQuadratic(g => g.Concatenate(a, b, c, axis), a, b, c));
    }

    [Fact]
    public void ConcatenateATensorWithItselfAndAConstant()
    {
        var a = Leaf(new Shape(3, 2), random);
        var constant = new Tensor(new Shape(3, 1), Uniform(random, 3));
        Assert.Equal(6, Check(g => g.Tanh(g.Concatenate([a, constant, a], 1)), a));
    }

    [Fact]
    public void SparseCategoricalCrossEntropy2D()
    {
        var z = Leaf(new Shape(4, 5), random, -3f, 3f);
        var ids = Ids(new Shape(4), 0, 4, 2, 4);
        Assert.Equal(20, Check(g => g.SparseCategoricalCrossEntropy(z, ids), z));
    }

    [Fact]
    public void SparseCategoricalCrossEntropy3DWithTrailingAxis()
    {
        var z = Leaf(new Shape(2, 3, 4), random, -3f, 3f);
        var ids = Ids(new Shape(2, 3, 1), 0, 3, 1, 1, 2, 3);
        Assert.Equal(24, Check(g => g.SparseCategoricalCrossEntropy(z, ids), z));
    }

    [Fact]
    public void CategoricalCrossEntropyWithUnnormalizedTargets()
    {
        // Rows not summing to 1 check the Σt factor of the gradient.
        var z = Leaf(new Shape(3, 4), random, -3f, 3f);
        var t = new Tensor(z.Shape, Uniform(random, 12, 0f, 1f));
        Assert.Equal(12, Check(g => g.CategoricalCrossEntropy(z, t), z));
    }

    [Fact]
    public void CrossEntropyThroughASoftmaxOfAnotherLoss()
    {
        var z = Leaf(new Shape(2, 2, 3), random, -2f, 2f);
        var ids = Ids(new Shape(2, 2), 2, 0, 1, 1);
        Assert.Equal(12, Check(g => g.Add(g.SparseCategoricalCrossEntropy(z, ids), g.Sum(g.Square(g.Softmax(z)))), z));
    }
}
