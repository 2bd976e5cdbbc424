using Autoencoders.Tensors.Autodiff;
using static Autoencoders.Tensors.Tests.GradientChecks.GradientChecker;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.GradientChecks;

/// <summary>Small networks end to end: every parameter's gradient through several ops and a loss.</summary>
public sealed class NetworkGradientTests
{
    [Fact]
    public void TwoLayerAutoencoderWithReluSigmoidAndBinaryCrossEntropy()
    {
        // x (4, 6) → Linear (6, 3) → ReLU → Linear (3, 6) → Sigmoid → BCE against x itself.
        var (x, w1, b1, w2, b2) = KinkFreeNetwork();
        var target = new Tensor(x.Shape, x.Span); // a copy: the check moves x but not the target
        int parameters = w1.Length + b1.Length + w2.Length + b2.Length;
        Assert.Equal(x.Length + parameters, Check(g =>
            g.BinaryCrossEntropy(g.Sigmoid(g.Linear(g.Relu(g.Linear(x, w1, b1)), w2, b2)), target), x, w1, b1, w2, b2));
    }

    [Fact]
    public void TwoLayerRegressorWithTanhAndRootMeanSquaredError()
    {
        var random = new Random(23);
        var x = Leaf(new Shape(5, 3), random);
        var (w1, b1) = (Leaf(new Shape(3, 4), random), Leaf(new Shape(4), random));
        var w2 = Leaf(new Shape(4, 2), random);
        var target = new Tensor(new Shape(5, 2), Uniform(random, 10));
        Assert.Equal(15 + 12 + 4 + 8, Check(g =>
            g.RootMeanSquaredError(g.Linear(g.Tanh(g.Linear(x, w1, b1)), w2, null), target), x, w1, b1, w2));
    }

    /// <summary>The first seed whose hidden pre-activations all lie at least 0.05 from ReLU's kink, so that no
    /// step of the check (each moves a pre-activation by at most 0.01 · max(|x|, |w|, 1) = 0.01) crosses it.</summary>
    private static (Tensor X, Tensor W1, Tensor B1, Tensor W2, Tensor B2) KinkFreeNetwork()
    {
        for (int seed = 0; seed < 100; seed++)
        {
            var random = new Random(seed);
            var x = Leaf(new Shape(4, 6), random, 0.05f, 0.95f);
            var (w1, b1) = (Leaf(new Shape(6, 3), random), Leaf(new Shape(3), random, -0.5f, 0.5f));
            var (w2, b2) = (Leaf(new Shape(3, 6), random), Leaf(new Shape(6), random, -0.5f, 0.5f));
            var graph = new Graph(TestBackends.SingleThreaded) { IsRecording = false };
            float[] hidden = graph.Linear(x, w1, b1).ToArray();
            if (hidden.All(h => Math.Abs(h) >= 0.05f) && hidden.Any(h => h < 0) && hidden.Any(h => h > 0))
                return (x, w1, b1, w2, b2);
        }
        throw new InvalidOperationException("no seed below 100 keeps the hidden pre-activations clear of 0");
    }
}
