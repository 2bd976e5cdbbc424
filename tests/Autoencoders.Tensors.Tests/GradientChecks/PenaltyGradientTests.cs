using Autoencoders.Tensors.Autodiff;
using static Autoencoders.Tensors.Tests.GradientChecks.GradientChecker;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.GradientChecks;

/// <summary>Gradient checks and reference values for the regularising terms: KL sparsity, the VAE's KL, the contractive penalty.</summary>
public sealed class PenaltyGradientTests
{
    [Fact]
    public void BernoulliKlDivergenceMatchesItsDefinitionAndItsGradient()
    {
        var random = new Random(11);
        var h = Leaf(new Shape(6, 4), random, 0.05f, 0.95f);
        const float target = 0.1f;
        var graph = new Graph(TestBackends.SingleThreaded);
        double expected = 0;
        for (int j = 0; j < 4; j++)
        {
            double mean = Enumerable.Range(0, 6).Average(i => h.Span[i * 4 + j]);
            expected += target * Math.Log(target / mean) + (1 - target) * Math.Log((1 - target) / (1 - mean));
        }
        Assert.Equal(expected, graph.BernoulliKlDivergence(h, target).ToScalar(), 5);
        Assert.Equal(h.Length, Check(g => g.BernoulliKlDivergence(h, target), h));
    }

    [Fact]
    public void BernoulliKlDivergenceIsZeroAtTheTarget()
    {
        var h = Leaf(new Shape(3, 2), [0.2f, 0.2f, 0.2f, 0.2f, 0.2f, 0.2f]);
        Assert.Equal(0f, new Graph(TestBackends.SingleThreaded).BernoulliKlDivergence(h, 0.2f).ToScalar(), 6);
    }

    [Fact]
    public void GaussianKlDivergenceMatchesItsDefinitionAndItsGradient()
    {
        var random = new Random(12);
        var mean = Leaf(new Shape(3, 5), random);
        var logVariance = Leaf(new Shape(3, 5), random);
        double expected = 0;
        for (int i = 0; i < 15; i++)
            expected += -0.5 * (1 + logVariance.Span[i] - mean.Span[i] * mean.Span[i] - Math.Exp(logVariance.Span[i]));
        Assert.Equal(expected / 3, new Graph(TestBackends.SingleThreaded).GaussianKlDivergence(mean, logVariance).ToScalar(), 4);
        Assert.Equal(30, Check(g => g.GaussianKlDivergence(mean, logVariance), mean, logVariance));
    }

    [Fact]
    public void ContractivePenaltyOfASigmoidEncoderIsItsJacobiansSquaredNorm()
    {
        var random = new Random(13);
        var x = Leaf(new Shape(4, 5), random);
        var w = Leaf(new Shape(5, 3), random);
        var b = Leaf(new Shape(3), random);
        Func<Graph, Tensor> penalty = g =>
        {
            Tensor h = g.Sigmoid(g.Linear(x, w, b));
            return g.ContractivePenalty(g.Multiply(h, g.Affine(h, -1f, 1f)), w);
        };
        // The Jacobian of sample n: J_ji = h_j (1 − h_j) W_ij; the penalty is the batch mean of Σ J².
        var graph = new Graph(TestBackends.SingleThreaded);
        float[] hidden = graph.Sigmoid(graph.Linear(x, w, b)).ToArray();
        double expected = 0;
        for (int n = 0; n < 4; n++)
            for (int j = 0; j < 3; j++)
                for (int i = 0; i < 5; i++)
                {
                    double d = hidden[n * 3 + j] * (1 - hidden[n * 3 + j]) * w.Span[i * 3 + j];
                    expected += d * d;
                }
        graph.Reset();
        Assert.Equal(expected / 4, penalty(graph).ToScalar(), 5);
        Assert.Equal(x.Length + w.Length + b.Length, Check(penalty, x, w, b));
    }

    [Fact]
    public void AddedLossesLastOneStep()
    {
        var graph = new Graph(TestBackends.SingleThreaded);
        graph.AddLoss(graph.Ones(Shape.Scalar));
        Assert.Single(graph.AuxiliaryLosses);
        Assert.Throws<ArgumentException>(() => graph.AddLoss(graph.Ones(new Shape(2))));
        graph.Reset();
        Assert.Empty(graph.AuxiliaryLosses);
    }
}
