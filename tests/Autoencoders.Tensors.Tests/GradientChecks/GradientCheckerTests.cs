using Xunit.Sdk;
using static Autoencoders.Tensors.Tests.GradientChecks.GradientChecker;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.GradientChecks;

/// <summary>The checker itself fails on a wrong gradient, so that its passes mean something.</summary>
public sealed class GradientCheckerTests
{
    [Fact]
    public void AGradientThatMissesAPathFails()
    {
        // x ∘ copy(x): the numeric derivative sees 2x, the analytic one x, since the copy is a constant.
        var x = Leaf(new Shape(2, 3), AwayFromZero(new Random(1), 6));
        var error = Assert.ThrowsAny<XunitException>(() => Check(g => g.Multiply(x, g.Constant(x.Shape, x.Span)), x));
        Assert.Contains("6 of 6 gradient elements differ", error.Message);
    }

    [Fact]
    public void AnInputThatGetsNoGradientFails()
    {
        var (x, unused) = (Leaf(new Shape(3), new Random(2)), Leaf(new Shape(3), new Random(3)));
        var error = Assert.ThrowsAny<XunitException>(() => Check(g => g.Tanh(x), x, unused));
        Assert.Contains("input 1 (3) received no gradient", error.Message);
    }

    [Fact]
    public void AnOpCalledQuadraticThatIsNotFails()
    {
        // tanh's gradient is right, but at step 1 its curvature would pass for a gradient error: the checker must
        // refuse the claim, not report a wrong gradient or, worse, a right one by luck.
        var x = Leaf(new Shape(4), AwayFromZero(new Random(4), 4));
        var error = Assert.ThrowsAny<XunitException>(() => CheckQuadratic(g => g.Tanh(x), x));
        Assert.Contains("not quadratic", error.Message);
    }

    [Fact]
    public void AQuadraticOpPassesAtUnitStep()
    {
        var (a, b) = (Leaf(new Shape(3, 4), new Random(5)), Leaf(new Shape(3, 4), new Random(6)));
        Assert.Equal(24, CheckQuadratic(g => g.Multiply(a, b), a, b));
    }
}
