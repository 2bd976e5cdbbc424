using Autoencoders.Tensors.Autodiff;
using Autoencoders.Tensors.Backends.Cpu;
using static Autoencoders.Tensors.Tests.GradientChecks.GradientChecker;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.GradientChecks;

/// <summary>The masked squared error of rating models: its gradient, and that unobserved entries count for nothing.</summary>
public sealed class MaskedLossGradientTests
{
    private readonly Random random = new(11);

    private Tensor Mask(Shape shape) => new(shape, Enumerable.Range(0, shape.ElementCount).Select(_ => random.NextDouble() < 0.4 ? 1f : 0f).ToArray());

    [Fact]
    public void MaskedMeanSquaredError()
    {
        var p = Leaf(new Shape(4, 5), random);
        var t = new Tensor(p.Shape, Uniform(random, p.Length, 1f, 5f));
        var m = Mask(p.Shape);
        Assert.Equal(20, Check(g => g.MaskedMeanSquaredError(p, t, m), p));
    }

    [Fact]
    public void MaskedMeanSquaredErrorThroughALinearLayer()
    {
        // AutoRec's output layer: the masked loss of x · W + b, checked with respect to W and b.
        var x = new Tensor(new Shape(3, 4), Uniform(random, 12));
        var w = Leaf(new Shape(4, 6), random);
        var b = Leaf(new Shape(6), random);
        var t = new Tensor(new Shape(3, 6), Uniform(random, 18, 1f, 5f));
        var m = Mask(t.Shape);
        Assert.Equal(30, Check(g => g.MaskedMeanSquaredError(g.Linear(x, w, b), t, m), w, b));
    }

    [Fact]
    public void OnlyObservedEntriesCountInTheValueAndTheGradient()
    {
        var p = Leaf(new Shape(1, 4), [1f, 2f, 3f, 4f]);
        var t = new Tensor(new Shape(1, 4), [2f, 0f, 5f, 0f]);
        var m = new Tensor(new Shape(1, 4), [1f, 0f, 1f, 0f]);
        var graph = new Graph(CpuBackend.Shared);
        Tensor loss = graph.MaskedMeanSquaredError(p, t, m);
        graph.Backward(loss);
        Assert.Equal((1f + 4f) / 2f, loss.ToScalar(), 6); // ((1 − 2)² + (3 − 5)²) / 2 observed
        Assert.Equal([-1f, 0f, -2f, 0f], p.Grad!.ToArray()); // 2 (p − t) / 2 where observed
    }
}
