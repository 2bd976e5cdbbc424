using static Autoencoders.Tensors.Tests.GradientChecks.GradientChecker;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.GradientChecks;

/// <summary>Gradient checks for MatMul (every transpose combination) and the fused Linear.</summary>
public sealed class MatMulGradientTests
{
    private readonly Random random = new(42);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void MatMul(bool transposeA, bool transposeB)
    {
        // op(a) (3, 4) · op(b) (4, 5); shapes chosen so that a wrong transpose cannot fit.
        var a = Leaf(transposeA ? new Shape(4, 3) : new Shape(3, 4), random);
        var b = Leaf(transposeB ? new Shape(5, 4) : new Shape(4, 5), random);
        Assert.Equal(12 + 20, CheckQuadratic(g => g.MatMul(a, b, transposeA, transposeB), a, b));
    }

    [Fact]
    public void LinearWithBias()
    {
        var (x, w, b) = (Leaf(new Shape(3, 4), random), Leaf(new Shape(4, 5), random), Leaf(new Shape(5), random));
        Assert.Equal(12 + 20 + 5, CheckQuadratic(g => g.Linear(x, w, b), x, w, b));
    }

    [Fact]
    public void LinearWithoutBias()
    {
        var (x, w) = (Leaf(new Shape(3, 4), random), Leaf(new Shape(4, 5), random));
        Assert.Equal(12 + 20, CheckQuadratic(g => g.Linear(x, w, null), x, w));
    }

    [Fact]
    public void LinearReadsEachSampleOfARank3BatchFlat()
    {
        // A batch of two 3 × 4 samples feeds a dense layer of 12 inputs unflattened.
        var (x, w, b) = (Leaf(new Shape(2, 3, 4), random), Leaf(new Shape(12, 5), random), Leaf(new Shape(5), random));
        Assert.Equal(24 + 60 + 5, CheckQuadratic(g =>
        {
            Tensor y = g.Linear(x, w, b);
            Assert.Equal(new Shape(2, 5), y.Shape);
            return y;
        }, x, w, b));
    }

    [Fact]
    public void LinearWithConstantInputsStillGivesTheWeightGradients()
    {
        var x = new Tensor(new Shape(3, 4), Uniform(random, 12)); // data: no gradient wanted
        var (w, b) = (Leaf(new Shape(4, 2), random), Leaf(new Shape(2), random));
        Assert.Equal(8 + 2, CheckQuadratic(g => g.Linear(x, w, b), w, b));
        Assert.False(x.GradientWritten);
    }

    [Fact]
    public void LinearNamesWhatItExpectedAndReceived()
    {
        var graph = new Autodiff.Graph(TestBackends.SingleThreaded);
        var (w, x) = (new Tensor(new Shape(4, 5)), new Tensor(new Shape(3, 3)));
        Assert.Equal("expected inputs with 4 features per sample for weights (4, 5), received (3, 3)",
            Assert.Throws<ArgumentException>(() => graph.Linear(x, w, null)).Message);
        Assert.Equal("expected a bias of 5 values, received (4)",
            Assert.Throws<ArgumentException>(() => graph.Linear(new Tensor(new Shape(3, 4)), w, new Tensor(new Shape(4)))).Message);
    }
}
