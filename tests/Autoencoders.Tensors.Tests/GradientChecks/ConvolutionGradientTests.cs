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
    [InlineData(5, 1, 2)] // 5×5 "same"
    [InlineData(3, 3, 0)] // stride = kernel: windows side by side, the last column unread
    [InlineData(2, 3, 1)] // stride > kernel: rows and columns between windows are read by none
    [InlineData(1, 1, 1)] // padding ≥ kernel: the border positions see only padding (bias alone)
    [InlineData(7, 1, 1)] // the kernel as tall as the padded image: one row of positions
    public void Conv2D(int kernel, int stride, int padding)
    {
        var random = new Random(100 * kernel + 10 * stride + padding);
        var x = Leaf(new Shape(2, 3, 5, 6), random);
        var w = Leaf(new Shape(4, 3, kernel, kernel), random);
        var b = Leaf(new Shape(4), random);
        int compared = CheckQuadratic(g => g.Conv2D(x, w, b, stride, padding), x, w, b);
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
        Assert.Equal(x.Length + w.Length + b.Length, CheckQuadratic(g => g.Conv2D(x, w, b, stride, padding), x, w, b));
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
    [InlineData(2, 3, 0, 1)] // stride > kernel: pixels between the taps get the bias alone
    [InlineData(5, 2, 2, 1)]
    [InlineData(1, 1, 0, 0)]
    [InlineData(3, 1, 2, 0)] // padding that crops the output to smaller than the input
    public void Conv2DTranspose(int kernel, int stride, int padding, int outputPadding)
    {
        var random = new Random(1000 + 100 * kernel + 10 * stride + padding);
        var x = Leaf(new Shape(2, 3, 4, 3), random);
        var w = Leaf(new Shape(3, 2, kernel, kernel), random);
        var b = Leaf(new Shape(2), random);
        Assert.Equal(x.Length + w.Length + b.Length, CheckQuadratic(g => g.Conv2DTranspose(x, w, b, stride, padding, outputPadding), x, w, b));
    }

    [Theory]
    [InlineData(false, 3)] // im2col
    [InlineData(false, 1)] // fewer outputs: channels mixed first
    [InlineData(true, 2)]
    public void ConvolutionsWithSomeOperandsConstant(bool transposed, int outputChannels)
    {
        // A gradient that no one asked for is skipped (null in the backend); the others must not change with it.
        var random = new Random(transposed ? 31 : 30 + outputChannels);
        var x = Leaf(new Shape(2, 4, 5, 6), random);
        var w = Leaf(transposed ? new Shape(4, outputChannels, 3, 3) : new Shape(outputChannels, 4, 3, 3), random);
        var b = Leaf(new Shape(outputChannels), random);
        Tensor Constant(Tensor t) => new(t.Shape, t.Span);
        Tensor Convolve(Graph g, Tensor input, Tensor kernel, Tensor? bias) =>
            transposed ? g.Conv2DTranspose(input, kernel, bias, 2, 1, 1) : g.Conv2D(input, kernel, bias, 1, 1);
        Assert.Equal(w.Length + b.Length, CheckQuadratic(g => Convolve(g, Constant(x), w, b), w, b));
        Assert.Equal(x.Length, CheckQuadratic(g => Convolve(g, x, Constant(w), Constant(b)), x));
        Assert.Equal(x.Length + w.Length, CheckQuadratic(g => Convolve(g, x, w, Constant(b)), x, w));
        Assert.Equal(b.Length, CheckQuadratic(g => Convolve(g, Constant(x), Constant(w), b), b));
    }

    [Fact]
    public void ConvolutionWithoutBiasFeedingAnother()
    {
        var random = new Random(5);
        var x = Leaf(new Shape(2, 2, 6, 6), random);
        var w1 = Leaf(new Shape(3, 2, 3, 3), random);
        var w2 = Leaf(new Shape(3, 2, 3, 3), random); // transposed: (in, out, k, k)
        Assert.Equal(x.Length + w1.Length + w2.Length,
            CheckQuadratic(g => g.Conv2DTranspose(g.Conv2D(x, w1, null, 2, 1), w2, null, 2, 1, 1), x, w1, w2));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 2)] // overlapping windows: a pixel may be the maximum of two
    [InlineData(2, 1)]
    [InlineData(2, 3)] // stride > pool: pixels between windows get no gradient
    [InlineData(3, 3)] // 5×6 → 1×2: the last rows are dropped
    public void MaxPool2D(int pool, int stride)
    {
        // Distinct values, so that no window has a tie that a small step could flip.
        var random = new Random(pool * 10 + stride);
        float[] values = [.. Enumerable.Range(0, 2 * 2 * 5 * 6).Select(i => (float)i / 10).OrderBy(_ => random.Next())];
        var x = Leaf(new Shape(2, 2, 5, 6), values);
        Assert.Equal(x.Length, CheckWithStep(1e-3f, g => g.MaxPool2D(x, pool, stride), x));
    }

    [Theory]
    [InlineData(1)] // the identity
    [InlineData(2)]
    public void UpSample2DByFactor(int factor)
    {
        var x = Leaf(new Shape(3, 2, 3, 4), new Random(10 + factor));
        Assert.Equal(x.Length, CheckQuadratic(g => g.UpSample2D(x, factor), x));
    }

    [Fact]
    public void UpSample2D()
    {
        var x = Leaf(new Shape(2, 3, 2, 3), new Random(9));
        Assert.Equal(x.Length, CheckQuadratic(g => g.UpSample2D(x, 3), x));
    }

    [Theory]
    [InlineData(true, 4)]
    [InlineData(false, 4)]
    [InlineData(true, 2)] // (N, F): a dense layer's features
    [InlineData(false, 2)]
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

    [Fact]
    public void BatchNormOfTheInputAloneWithFixedScaleAndShift()
    {
        // γ and β constants: their gradients are skipped, and dx must not change with it.
        var random = new Random(3);
        var x = Leaf(new Shape(4, 3, 2, 3), random);
        var gamma = new Tensor(new Shape(3), Uniform(random, 3, 0.5f, 1.5f));
        var beta = new Tensor(new Shape(3), Uniform(random, 3));
        var mean = new Tensor(new Shape(3));
        var variance = new Tensor(new Shape(3), [1f, 1f, 1f]);
        Assert.Equal(x.Length, Check(g => g.BatchNorm(x, gamma, beta, mean, variance, 0f, 1e-5f, training: true), x));
    }
}
