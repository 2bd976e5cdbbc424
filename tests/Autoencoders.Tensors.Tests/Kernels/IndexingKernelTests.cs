using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Tensors.Tests.Kernels;

/// <summary>Token and class id validation, shape messages, determinism and stability of the indexing and
/// cross-entropy kernels.</summary>
public sealed class IndexingKernelTests
{
    [Theory]
    [InlineData(57f, "token id 57 at [1, 2] is outside the vocabulary of 50")]
    [InlineData(-1f, "token id -1 at [1, 2] is outside the vocabulary of 50")]
    [InlineData(2.5f, "token id 2.5 at [1, 2] is not an integer")]
    [InlineData(float.NaN, "token id NaN at [1, 2] is not an integer")]
    public void GatherNamesTheBadIdAndWhereItIs(float bad, string message)
    {
        var table = new Tensor(new Shape(50, 4));
        var ids = new Tensor(new Shape(2, 3), [1, 2, 3, 4, 5, 6]);
        ids[5] = bad;
        var error = Assert.Throws<ArgumentException>(() => new Graph(TestBackends.SingleThreaded).Gather(table, ids));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ClassIdsOutOfRangeAreNamed()
    {
        var graph = new Graph(TestBackends.SingleThreaded);
        var logits = new Tensor(new Shape(3, 5));
        var error = Assert.Throws<ArgumentException>(() => graph.SparseCategoricalCrossEntropy(logits, new Tensor(new Shape(3), [0, 7, 1])));
        Assert.Equal("class id 7 at [1] is outside the 5 classes", error.Message);
        error = Assert.Throws<ArgumentException>(() => graph.SparseCategoricalCrossEntropy(logits, new Tensor(new Shape(3), [0, 1, 0.5f])));
        Assert.Equal("class id 0.5 at [2] is not an integer", error.Message);
    }

    [Fact]
    public void ShapeMismatchesSayWhatWasExpected()
    {
        var graph = new Graph(TestBackends.SingleThreaded);
        var error = Assert.Throws<ArgumentException>(() => graph.SparseCategoricalCrossEntropy(new Tensor(new Shape(3, 5)), new Tensor(new Shape(3, 5))));
        Assert.Equal("expected class ids of shape (3) (or (3, 1)) for logits (3, 5), received (3, 5)", error.Message);
        error = Assert.Throws<ArgumentException>(() => graph.Concatenate(new Tensor(new Shape(2, 3, 4)), new Tensor(new Shape(2, 2, 5)), 1));
        Assert.Equal("expected tensor 1 to match (2, 3, 4) except along axis 1, received (2, 2, 5)", error.Message);
        error = Assert.Throws<ArgumentException>(() => graph.Slice(new Tensor(new Shape(2, 3)), 0, 0, 1));
        Assert.Equal("expected an axis from 1 to 1 (or from −1 to −1) of (2, 3), received 0: axis 0 is the batch", error.Message);
        error = Assert.Throws<ArgumentException>(() => graph.Slice(new Tensor(new Shape(2, 3)), 1, 2, 2));
        Assert.Equal("expected a window within the 3 entries of axis 1 of (2, 3), received start 2 and length 2", error.Message);
    }

    [Fact]
    public void ScatterAddIsTheSameOnAnyThreadCount()
    {
        // Large enough to split, with every id repeated many times, so that an order-dependent sum would show.
        var random = new Random(3);
        const int vocabulary = 37, width = 64, positions = 4000;
        var ids = new Tensor(new Shape(40, 100), [.. Enumerable.Range(0, positions).Select(_ => (float)random.Next(vocabulary - 2))]);
        var upstream = new Tensor(new Shape(40, 100, width), TestTensors.Uniform(random, positions * width));
        var single = new Tensor(new Shape(vocabulary, width));
        var parallel = new Tensor(new Shape(vocabulary, width));
        parallel.Span.Fill(float.NaN);
        TestBackends.SingleThreaded.GatherBackward(ids, upstream, single, accumulate: false);
        TestBackends.Parallel.GatherBackward(ids, upstream, parallel, accumulate: false);
        Assert.True(single.Span.SequenceEqual(parallel.Span), "the scatter-add differs between 1 and 3 threads");
        Assert.All(single.ToArray()[((vocabulary - 2) * width)..], v => Assert.Equal(0f, v));
        TestBackends.Parallel.GatherBackward(ids, upstream, parallel, accumulate: true);
        for (int i = 0; i < single.Length; i++) Assert.Equal(2f * single[i], parallel[i], 1e-4f);
    }

    [Fact]
    public void CrossEntropyOfHugeLogitsIsFinite()
    {
        var graph = new Graph(TestBackends.SingleThreaded);
        var logits = new Tensor(new Shape(2, 3), [1000f, 0f, -1000f, -500f, 500f, 499f]);
        Tensor loss = graph.SparseCategoricalCrossEntropy(logits, new Tensor(new Shape(2), [0, 2]));
        // Row 1: log(1 + e^−1000 + e^−2000) ≈ 0; row 2: 500 + log(1 + e^−1) − 499 = 1.3133.
        Assert.Equal((0 + 1 + MathF.Log(1 + MathF.Exp(-1))) / 2, loss.ToScalar(), 1e-5f);
    }

    [Fact]
    public void ASoftmaxRemembersItsLogits()
    {
        var graph = new Graph(TestBackends.SingleThreaded);
        var z = new Tensor(new Shape(2, 3));
        Assert.Same(z, graph.Softmax(z).SoftmaxInputOrNull());
    }
}
