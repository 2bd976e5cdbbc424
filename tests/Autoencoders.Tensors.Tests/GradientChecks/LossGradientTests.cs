using static Autoencoders.Tensors.Tests.GradientChecks.GradientChecker;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.GradientChecks;

/// <summary>Gradient checks for every loss, with respect to the prediction (and the target where it is differentiable).</summary>
public sealed class LossGradientTests
{
    private readonly Random random = new(7);

    private Tensor Target(Shape shape) => new(shape, Uniform(random, shape.ElementCount, 0f, 1f));

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
        // Kept in [0.15, 0.85]: the loss's third derivative grows as 1/p³ near 0 and 1, hence the smaller step.
        var p = Leaf(new Shape(3, 4), random, 0.15f, 0.85f);
        var t = Target(p.Shape);
        Assert.Equal(12, CheckWithStep(SharpStep, g => g.BinaryCrossEntropy(p, t), p));
    }

    [Fact]
    public void BinaryCrossEntropyOfASigmoidGoesThroughTheLogits()
    {
        var z = Leaf(new Shape(3, 4), random, -4f, 4f);
        var t = Target(z.Shape);
        Assert.Equal(12, Check(g => g.BinaryCrossEntropy(g.Sigmoid(z), t), z));
    }

    [Fact]
    public void ASigmoidOutputUsedByBCEAndByAnotherLoss()
    {
        // BCE reads the logits directly; the MSE's gradient must still flow back through the sigmoid, and add.
        var z = Leaf(new Shape(3, 4), random, -3f, 3f);
        var (t1, t2) = (Target(z.Shape), Target(z.Shape));
        Assert.Equal(12, Check(g =>
        {
            Tensor y = g.Sigmoid(z);
            return g.Add(g.BinaryCrossEntropy(y, t1), g.MeanSquaredError(y, t2));
        }, z));
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits()
    {
        var z = Leaf(new Shape(3, 4), random, -4f, 4f);
        var t = Target(z.Shape);
        Assert.Equal(12, Check(g => g.BinaryCrossEntropyWithLogits(z, t), z));
    }

    [Fact]
    public void MeanSquaredErrorAlsoDifferentiatesTheTarget()
    {
        // (p − t)² is symmetric in p and t, and PyTorch's mse_loss differentiates both; comparing two computed
        // tensors (a target produced by another network) needs it. Graph.Backward promises a gradient for
        // "every tensor that requires one and took part in this step".
        var p = Leaf(new Shape(3, 4), random);
        var t = Leaf(new Shape(3, 4), random);
        Assert.Equal(24, Check(g => g.MeanSquaredError(p, t), p, t));
    }
}
