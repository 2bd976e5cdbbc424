using Autoencoders.Tensors.Autodiff;
using static Autoencoders.Tensors.Tests.GradientChecks.GradientChecker;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.GradientChecks;

/// <summary>Gradient checks for the image ops: convolution, transposed convolution, pooling, upsampling, batch norm.</summary>
public sealed class ConvolutionGradientTests
{
    [Theory]
    [InlineData(3, 1, 1)] // "same" 3×3, as the conv presets use
    [InlineData(3, 2, 0)] // strided, no padding: some pixels are read by no window
    [InlineData(3, 2, 1)]
    [InlineData(1, 1, 0)] // 1×1: the columns are the image itself
    [InlineData(2, 1, 0)] // even kernel
    public void Conv2D(int kernel, int stride, int padding)
    {
        var random = new Random(100 * kernel + 10 * stride + padding);
        var x = Leaf(new Shape(2, 3, 5, 6), random);
        var w = Leaf(new Shape(4, 3, kernel, kernel), random);
        var b = Leaf(new Shape(4), random);
        int compared = Check(g => g.Conv2D(x, w, b, stride, padding), x, w, b);
        Assert.Equal(x.Length + w.Length + b.Length, compared);
    }

    [Theory]
    [InlineData(3, 1, 1)] // fewer outputs than inputs: mixes channels first, then sums shifted taps
    [InlineData(3, 2, 1)] // ... strided, where that is still the cheaper side
    [InlineData(2, 1, 0)]
    public void Conv2DWithFewOutputChannels(int kernel, int stride, int padding)
    {
        var random = new Random(200 + 100 * kernel + 10 * stride + padding);
        var x = Leaf(new Shape(2, 6, 5, 6), random);
        var w = Leaf(new Shape(1, 6, kernel, kernel), random);
        var b = Leaf(new Shape(1), random);
        Assert.Equal(x.Length + w.Length + b.Length, Check(g => g.Conv2D(x, w, b, stride, padding), x, w, b));
    }

    [Fact]
    public void BothWaysOfComputingAConvolutionAgree()
    {
        // 6 → 1 channels takes the channel-mixing path; the same kernel repeated to 8 outputs takes im2col. Each of the
        // 8 outputs must equal the single output, and so must the input gradients (scaled by 8).
        var random = new Random(77);
        var x = Leaf(new Shape(3, 6, 7, 5), random);
        var single = Leaf(new Shape(1, 6, 3, 3), random);
        var repeated = Leaf(new Shape(8, 6, 3, 3), [.. Enumerable.Repeat(single.ToArray(), 8).SelectMany(v => v)]);
        var graph = new Graph(TestBackends.Parallel);
        float[] one = graph.Conv2D(x, single, null, 1, 1).ToArray();
        float[] eight = graph.Conv2D(x, repeated, null, 1, 1).ToArray();
        for (int n = 0; n < 3; n++)
            for (int o = 0; o < 8; o++)
                for (int i = 0; i < 35; i++)
                    Assert.Equal(one[n * 35 + i], eight[(n * 8 + o) * 35 + i], 4);
    }

    [Theory]
    [InlineData(3, 2, 1, 1)] // the conv preset's upsampling layer: doubles H and W
    [InlineData(3, 1, 1, 0)]
    [InlineData(2, 2, 0, 0)]
    [InlineData(3, 3, 0, 2)]
    public void Conv2DTranspose(int kernel, int stride, int padding, int outputPadding)
    {
        var random = new Random(1000 + 100 * kernel + 10 * stride + padding);
        var x = Leaf(new Shape(2, 3, 4, 3), random);
        var w = Leaf(new Shape(3, 2, kernel, kernel), random);
        var b = Leaf(new Shape(2), random);
        Assert.Equal(x.Length + w.Length + b.Length, Check(g => g.Conv2DTranspose(x, w, b, stride, padding, outputPadding), x, w, b));
    }

    [Fact]
    public void ConvolutionWithoutBiasFeedingAnother()
    {
        var random = new Random(5);
        var x = Leaf(new Shape(2, 2, 6, 6), random);
        var w1 = Leaf(new Shape(3, 2, 3, 3), random);
        var w2 = Leaf(new Shape(3, 2, 3, 3), random); // transposed: (in, out, k, k)
        Assert.Equal(x.Length + w1.Length + w2.Length,
            Check(g => g.Conv2DTranspose(g.Conv2D(x, w1, null, 2, 1), w2, null, 2, 1, 1), x, w1, w2));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 2)] // overlapping windows: a pixel may be the maximum of two
    [InlineData(2, 1)]
    public void MaxPool2D(int pool, int stride)
    {
        // Distinct values, so that no window has a tie that a small step could flip.
        var random = new Random(pool * 10 + stride);
        float[] values = [.. Enumerable.Range(0, 2 * 2 * 5 * 6).Select(i => (float)i / 10).OrderBy(_ => random.Next())];
        var x = Leaf(new Shape(2, 2, 5, 6), values);
        Assert.Equal(x.Length, CheckWithStep(1e-3f, g => g.MaxPool2D(x, pool, stride), x));
    }

    [Fact]
    public void UpSample2D()
    {
        var x = Leaf(new Shape(2, 3, 2, 3), new Random(9));
        Assert.Equal(x.Length, Check(g => g.UpSample2D(x, 3), x));
    }

    [Theory]
    [InlineData(true, 4)]
    [InlineData(false, 4)]
    [InlineData(true, 2)] // (N, F): a dense layer's features
    public void BatchNorm(bool training, int rank)
    {
        var random = new Random(training ? 1 : 2);
        Shape shape = rank == 4 ? new Shape(3, 2, 3, 2) : new Shape(5, 4);
        int channels = shape[1];
        var x = Leaf(shape, random);
        var gamma = Leaf(new Shape(channels), random, 0.5f, 1.5f);
        var beta = Leaf(new Shape(channels), random);
        var mean = new Tensor(new Shape(channels), Uniform(random, channels, -0.2f, 0.2f));
        var variance = new Tensor(new Shape(channels), Uniform(random, channels, 0.5f, 1.5f));
        float[] meanBefore = mean.ToArray(), varianceBefore = variance.ToArray();
        // Momentum 0 keeps the running statistics fixed, so every evaluation of the check sees the same function.
        Assert.Equal(x.Length + 2 * channels, Check(g => g.BatchNorm(x, gamma, beta, mean, variance, 0f, 1e-3f, training), x, gamma, beta));
        Assert.Equal(meanBefore, mean.ToArray());
        Assert.Equal(varianceBefore, variance.ToArray());
    }
}
