using Autoencoders.Tensors.Autodiff;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.SteadyState;

/// <summary>A graph recycles its intermediate tensors and their gradient buffers from step to step; a step must
/// not see anything of the last one, even when the batch size changes (the last, partial batch of an epoch).</summary>
public sealed class ArenaReuseTests
{
    [Fact]
    public void AReusedGraphGivesTheSameResultsAsAFreshOneWhateverTheBatchSizes()
    {
        var random = new Random(12);
        var (w1, b1) = (Leaf(new Shape(6, 5), random), Leaf(new Shape(5), random));
        var (w2, b2) = (Leaf(new Shape(5, 6), random), Leaf(new Shape(6), random));
        Tensor[] parameters = [w1, b1, w2, b2];
        var reused = new Graph(TestBackends.SingleThreaded);

        foreach (int batch in new[] { 4, 3, 7, 1, 4 })
        {
            float[] data = Uniform(random, batch * 6, 0f, 1f);
            (float Loss, float[][] Gradients) Step(Graph graph)
            {
                graph.Reset();
                foreach (var p in parameters) p.GradientWritten = false;
                Tensor x = graph.Constant(new Shape(batch, 6), data);
                Tensor h = graph.Tanh(graph.Linear(x, w1, b1));
                Tensor y = graph.Sigmoid(graph.Linear(graph.Softmax(graph.Reshape(h, new Shape(batch, 5))), w2, b2));
                Tensor loss = graph.Add(graph.BinaryCrossEntropy(y, x), graph.Mean(graph.Square(h)));
                graph.Backward(loss);
                return (loss.ToScalar(), [.. parameters.Select(p => p.Grad!.ToArray())]);
            }

            var (freshLoss, freshGradients) = Step(new Graph(TestBackends.SingleThreaded));
            var (reusedLoss, reusedGradients) = Step(reused);
            Assert.Equal(freshLoss, reusedLoss);
            for (int i = 0; i < parameters.Length; i++)
                Assert.True(freshGradients[i].AsSpan().SequenceEqual(reusedGradients[i]), $"batch {batch}: parameter {i}'s gradient differs on a reused graph");
        }
    }

    [Fact]
    public void WithoutRecordingNothingCanBeDifferentiated()
    {
        var graph = new Graph(TestBackends.SingleThreaded) { IsRecording = false };
        var w = Leaf(new Shape(3), new Random(1));
        Tensor loss = graph.Sum(graph.Square(w));
        Assert.Equal(w.ToArray().Sum(v => v * v), loss.ToScalar(), 1e-6f);
        var error = Assert.Throws<InvalidOperationException>(() => graph.Backward(loss));
        Assert.Contains("does not depend on any tensor that requires a gradient", error.Message);
    }
}
