namespace Autoencoders.Tensors.Tests.Kernels;

/// <summary>NumPy's broadcasting rule for result shapes, and the error for shapes that do not broadcast.</summary>
public sealed class BroadcastingTests
{
    [Theory]
    [InlineData(new[] { 3, 4 }, new[] { 4 }, new[] { 3, 4 })]
    [InlineData(new[] { 3, 1 }, new[] { 1, 4 }, new[] { 3, 4 })]
    [InlineData(new[] { 2, 1, 4 }, new[] { 3, 1 }, new[] { 2, 3, 4 })]
    [InlineData(new int[0], new[] { 2, 3 }, new[] { 2, 3 })]
    [InlineData(new[] { 5, 1, 1, 2 }, new[] { 3, 1 }, new[] { 5, 1, 3, 2 })]
    public void ResultShapeFollowsNumPy(int[] a, int[] b, int[] expected)
    {
        Assert.Equal(new Shape(expected), Broadcasting.ResultShape(new Shape(a), new Shape(b)));
        Assert.Equal(new Shape(expected), Broadcasting.ResultShape(new Shape(b), new Shape(a)));
    }

    [Fact]
    public void AZeroSizedDimensionIsNotStretched()
    {
        // NumPy: a dimension of 1 stretches to the other's size, including 0 (np.zeros((0, 4)) + np.zeros(4) has
        // shape (0, 4)). Taking the larger of the two gives (1, 4), and the kernel then reads past the empty operand.
        Assert.Equal(new Shape(0, 4), Broadcasting.ResultShape(new Shape(0, 4), new Shape(4))); // an empty batch plus a row
        Assert.Equal(new Shape(0), Broadcasting.ResultShape(new Shape(1), new Shape(0)));
        Assert.Equal(new Shape(0, 3), Broadcasting.ResultShape(new Shape(1, 3), new Shape(0, 1)));
        Assert.Equal(new Shape(0), Broadcasting.ResultShape(Shape.Scalar, new Shape(0)));
    }

    [Fact]
    public void IncompatibleShapesSayTheyDoNotBroadcastAndNameBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Broadcasting.ResultShape(new Shape(3, 4), new Shape(5)));
        Assert.Contains("shapes (3, 4) and (5) do not broadcast", error.Message);
        Assert.Contains("4 versus 5", error.Message);
    }

    [Fact]
    public void TheGraphRejectsIncompatibleShapesBeforeComputing()
    {
        var graph = new Autodiff.Graph(TestBackends.SingleThreaded);
        var error = Assert.Throws<ArgumentException>(() => graph.Multiply(new Tensor(new Shape(2, 3)), new Tensor(new Shape(2))));
        Assert.Contains("do not broadcast", error.Message);
    }
}
