using static Autoencoders.Tensors.Tests.Autodiff.GradientChecker;

namespace Autoencoders.Tensors.Tests.Autodiff;

/// <summary>Gradient checks for the losses, with respect to the prediction.</summary>
public sealed class LossGradientTests
{
    private readonly Random random = new(7);

    private Tensor Target(Shape shape) => new(shape, [.. Enumerable.Range(0, shape.ElementCount).Select(_ => random.NextSingle())]);

    [Fact]
    public void MeanSquaredError()
    {
        var p = Leaf(new Shape(3, 4), random);
        var t = Target(p.Shape);
        Assert.Equal(12, Check(g => g.MeanSquaredError(p, t), p));
    }

    [Fact]
    public void RootMeanSquaredError()
    {
        var p = Leaf(new Shape(3, 4), random);
        var t = Target(p.Shape);
        Assert.Equal(12, Check(g => g.RootMeanSquaredError(p, t), p));
    }

    [Fact]
    public void BinaryCrossEntropyOnProbabilities()
    {
        var p = Leaf(new Shape(3, 4), random, 0.15f, 0.85f); // away from 0 and 1, where the log is steep
        var t = Target(p.Shape);
        Assert.Equal(12, Check(g => g.BinaryCrossEntropy(p, t), p));
    }

    [Fact]
    public void BinaryCrossEntropyThroughASigmoidUsesTheLogitsAndTheSameGradient()
    {
        var z = Leaf(new Shape(3, 4), random, -3f, 3f);
        var t = Target(z.Shape);
        Assert.Equal(12, Check(g => g.BinaryCrossEntropy(g.Sigmoid(z), t), z));
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits()
    {
        var z = Leaf(new Shape(3, 4), random, -4f, 4f);
        var t = Target(z.Shape);
        Assert.Equal(12, Check(g => g.BinaryCrossEntropyWithLogits(z, t), z));
    }
}
