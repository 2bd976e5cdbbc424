using Autoencoders.Tensors.Autodiff;
using Autoencoders.Tensors.Backends;
using Autoencoders.Tensors.Backends.Cpu;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.Kernels;

/// <summary>
/// The convolution kernels (forward and backward, plain and transposed) called through <see cref="IComputeBackend"/>:
/// against a direct loop over every kernel tap in double, for a batch of 1, a few, and more images than the 12
/// chunks of a 3-thread backend; bit for bit the same on 1 and 3 threads; accumulate flags that add and clear flags
/// that overwrite (NaN before); null gradients skipped; operands that are views inside guarded buffers; and the shape
/// errors. From 5 images on, every case is above the 2^17 multiply-adds where a pass is split over the batch.
/// Tolerance against the loop: 1e-5 of Σ |terms| per element, as <see cref="GemmTests"/>. Max pooling, upsampling and
/// batch normalisation, the other image kernels, are checked for views and accumulation at the end.
/// </summary>
public sealed class ConvolutionKernelTests
{
    /// <summary>The geometries of <see cref="ConvolutionCase"/>: each way the engine computes a convolution (im2col, 1×1,
    /// channels mixed first), strides below, at and above the kernel size, and the transposed ones of the decoders.</summary>
    public static TheoryData<string> Geometries => new(ConvolutionCase.Names);

    [Theory]
    [MemberData(nameof(Geometries))]
    public void MatchesADirectLoopForEveryBatchSize(string geometry)
    {
        foreach (int batch in new[] { 1, 5, 13 }) // 13 images: two in most chunks on 3 threads (12 chunks)
        {
            var problem = ConvolutionCase.Create(geometry, batch);
            var reference = problem.Reference();
            foreach (var backend in new[] { TestBackends.Parallel, TestBackends.Managed })
            {
                var result = problem.Run(backend);
                string what = $"{geometry}, batch {batch}, {backend.Name}";
                reference.AssertNear(result, what);
            }
        }
    }

    /// <summary>Every geometry with a batch of 1, of 7 (one image a chunk on 3 threads) and of 13 (two in most chunks).</summary>
    public static TheoryData<string, int> GeometriesAndBatches()
    {
        var data = new TheoryData<string, int>();
        foreach (string geometry in ConvolutionCase.Names)
            foreach (int batch in new[] { 1, 7, 13 })
                data.Add(geometry, batch);
        return data;
    }

    [Theory]
    [MemberData(nameof(GeometriesAndBatches))]
    public void OneAndThreeThreadsGiveTheSameBits(string geometry, int batch)
    {
        using var managedSingle = new CpuBackend(threads: 1, useOpenBlas: false);
        var problem = ConvolutionCase.Create(geometry, batch);
        var failures = new List<string>();
        foreach (var (one, three) in new[] { (TestBackends.SingleThreaded, TestBackends.Parallel), (managedSingle, TestBackends.Managed) })
        {
            ConvolutionResult a = problem.Run(one), b = problem.Run(three);
            foreach (var (name, expected, actual) in new[] { ("y", a.Y, b.Y), ("dx", a.Dx, b.Dx), ("dkernel", a.DKernel, b.DKernel), ("dbias", a.DBias, b.DBias) })
                if (FirstDifferentBits(expected, actual) is { } i)
                    failures.Add($"{one.Name} vs {three.Name}: {name}[{i}] is {expected[i]:G9} on 1 thread, {actual[i]:G9} on 3");
        }
        Assert.True(failures.Count == 0, $"{geometry}, batch {batch}: results depend on the thread count\n" + string.Join("\n", failures));
    }

    [Theory]
    [InlineData("same3x3", 1)]
    [InlineData("same3x3", 13)]
    [InlineData("3x3_fewer_outputs", 13)]
    [InlineData("transposed3x3_stride2", 1)]
    [InlineData("transposed3x3_stride2", 13)]
    public void AccumulateAddsAndOverwriteIgnoresWhatWasThere(string geometry, int batch)
    {
        var problem = ConvolutionCase.Create(geometry, batch);
        var backend = TestBackends.Parallel;
        ConvolutionResult fresh = problem.Run(backend);
        ConvolutionReference reference = problem.Reference();
        var random = new Random(batch);
        for (int flags = 0; flags < 8; flags++)
        {
            bool accumulateX = (flags & 1) != 0, accumulateKernel = (flags & 2) != 0, accumulateBias = (flags & 4) != 0;
            // Overwritten gradients start as NaN, so that reading them (0 · NaN, NaN + x) would show.
            float[] Before(int length, bool accumulate) => accumulate ? Uniform(random, length) : [.. Enumerable.Repeat(float.NaN, length)];
            float[] dxBefore = Before(problem.XShape.ElementCount, accumulateX);
            float[] kernelBefore = Before(problem.KernelShape.ElementCount, accumulateKernel);
            float[] biasBefore = Before(problem.BiasShape.ElementCount, accumulateBias);
            Tensor dx = new(problem.XShape, dxBefore), dKernel = new(problem.KernelShape, kernelBefore), dBias = new(problem.BiasShape, biasBefore);
            problem.Backward(backend, dx, accumulateX, dKernel, accumulateKernel, dBias, accumulateBias);

            string what = $"{geometry}, batch {batch}, accumulate x/kernel/bias = {accumulateX}/{accumulateKernel}/{accumulateBias}";
            // Added: before + the loop's gradient, within the loop's tolerance plus a rounding of before. Overwritten: the
            // same bits as a backward pass into fresh tensors.
            if (accumulateX) reference.Dx.AssertNear(dx.ToArray(), what + ": dx", dxBefore);
            else AssertSameBits(fresh.Dx, dx.ToArray(), what + ": dx");
            if (accumulateKernel) reference.DKernel.AssertNear(dKernel.ToArray(), what + ": dkernel", kernelBefore);
            else AssertSameBits(fresh.DKernel, dKernel.ToArray(), what + ": dkernel");
            if (accumulateBias) reference.DBias.AssertNear(dBias.ToArray(), what + ": dbias", biasBefore);
            else AssertSameBits(fresh.DBias, dBias.ToArray(), what + ": dbias");
        }
    }

    [Theory]
    [InlineData("same3x3")]
    [InlineData("3x3_fewer_outputs")]
    [InlineData("transposed3x3_stride2")]
    public void NullGradientsAreSkippedAndTheOthersUnchanged(string geometry)
    {
        var problem = ConvolutionCase.Create(geometry, 5);
        ConvolutionResult all = problem.Run(TestBackends.Parallel);
        for (int mask = 0; mask < 7; mask++)
        {
            Tensor? dx = (mask & 1) == 0 ? new Tensor(problem.XShape) : null;
            Tensor? dKernel = (mask & 2) == 0 ? new Tensor(problem.KernelShape) : null;
            Tensor? dBias = (mask & 4) == 0 ? new Tensor(problem.BiasShape) : null;
            problem.Backward(TestBackends.Parallel, dx, false, dKernel, false, dBias, false);
            string what = $"{geometry} with gradients x/kernel/bias requested = {dx is not null}/{dKernel is not null}/{dBias is not null}";
            if (dx is not null) AssertSameBits(all.Dx, dx.ToArray(), what + ": dx");
            if (dKernel is not null) AssertSameBits(all.DKernel, dKernel.ToArray(), what + ": dkernel");
            if (dBias is not null) AssertSameBits(all.DBias, dBias.ToArray(), what + ": dbias");
        }
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void OperandsThatAreViewsAreReadAndWrittenOnlyInsideThem(string geometry)
    {
        var problem = ConvolutionCase.Create(geometry, 5);
        foreach (var backend in new[] { TestBackends.Parallel, TestBackends.Managed })
        {
            ConvolutionResult plain = problem.Run(backend), viewed = problem.Run(backend, views: true);
            string what = $"{geometry} on views, {backend.Name}";
            AssertSameBits(plain.Y, viewed.Y, what + ": y");
            AssertSameBits(plain.Dx, viewed.Dx, what + ": dx");
            AssertSameBits(plain.DKernel, viewed.DKernel, what + ": dkernel");
            AssertSameBits(plain.DBias, viewed.DBias, what + ": dbias");
        }
    }

    [Fact]
    public void AKernelAsLargeAsThePaddedImageHasOnePositionPerAxis()
    {
        var graph = new Graph(TestBackends.SingleThreaded);
        var x = new Tensor(new Shape(2, 1, 3, 4), Uniform(new Random(1), 24));
        Tensor y = graph.Conv2D(x, new Tensor(new Shape(1, 1, 5, 5), Uniform(new Random(2), 25)), null, stride: 1, padding: 1);
        Assert.Equal(new Shape(2, 1, 1, 2), y.Shape); // (3 + 2 − 5) + 1 by (4 + 2 − 5) + 1
    }

    [Fact]
    public void ShapeErrorsNameWhatWasExpectedAndReceived()
    {
        var graph = new Graph(TestBackends.SingleThreaded);
        Tensor Zeros(params int[] shape) => new(new Shape(shape));
        string Error(Action op) => Assert.Throws<ArgumentException>(op).Message;

        Assert.Equal("expected 2 input channels for kernel (4, 2, 3, 3), received (2, 3, 5, 5)",
            Error(() => graph.Conv2D(Zeros(2, 3, 5, 5), Zeros(4, 2, 3, 3), null, 1, 1)));
        Assert.Equal("expected 2 input channels for kernel (2, 5, 3, 3), received (2, 3, 4, 4)",
            Error(() => graph.Conv2DTranspose(Zeros(2, 3, 4, 4), Zeros(2, 5, 3, 3), null, 2, 1, 1)));
        Assert.Equal("a 5×5 kernel with padding 0 does not fit a 3×4 image",
            Error(() => graph.Conv2D(Zeros(1, 1, 3, 4), Zeros(1, 1, 5, 5), null, 1, 0)));
        Assert.Equal("expected an output padding in [0, 2) for stride 2, received 2",
            Error(() => graph.Conv2DTranspose(Zeros(1, 2, 3, 3), Zeros(2, 1, 3, 3), null, 2, 1, 2)));
        Assert.Equal("expected an output padding in [0, 1) for stride 1, received 1",
            Error(() => graph.Conv2DTranspose(Zeros(1, 2, 3, 3), Zeros(2, 1, 3, 3), null, 1, 1, 1)));
        Assert.Equal("a transposed 1×1 kernel with stride 1 and padding 1 gives an empty image from 1×1",
            Error(() => graph.Conv2DTranspose(Zeros(1, 2, 1, 1), Zeros(2, 1, 1, 1), null, 1, 1, 0)));
        Assert.Equal("expected a kernel of rank 4, received (4, 3, 3)",
            Error(() => graph.Conv2D(Zeros(1, 3, 5, 5), Zeros(4, 3, 3), null, 1, 1)));
        Assert.Equal("a 3×7 kernel with padding 0 does not fit a 5×5 image",
            Error(() => graph.Conv2D(Zeros(1, 3, 5, 5), Zeros(4, 3, 3, 7), null, 1, 0)));
        Assert.Equal("expected images (N, C, H, W), received (3, 5, 5)",
            Error(() => graph.Conv2D(Zeros(3, 5, 5), Zeros(4, 3, 3, 3), null, 1, 1)));
        Assert.Equal("expected a bias of 4 values, received (5)",
            Error(() => graph.Conv2D(Zeros(1, 3, 5, 5), Zeros(4, 3, 3, 3), Zeros(5), 1, 1)));
    }

    [Theory]
    [InlineData("same3x3")]
    [InlineData("3x3_fewer_outputs")]
    [InlineData("transposed3x3_stride2")]
    public void BackwardKernelsRejectGradientsOfTheWrongSize(string geometry)
    {
        // As the forward kernels reject a y of the wrong size. Through IComputeBackend nothing else stands between a
        // wrong dy or dx and a read or write outside the tensor's view (a parameter's gradient is a view into the
        // model's one gradient buffer). The managed GEMM: with OpenBLAS a short operand is read or written past the end
        // of its array. Each wrong operand is a view one image short (or one value short), followed by more than an
        // image of guard values, as a tensor in a larger buffer is.
        var problem = ConvolutionCase.Create(geometry, 2);
        var backend = TestBackends.Managed;
        Tensor x = new(problem.XShape, problem.X), kernel = new(problem.KernelShape, problem.Kernel), dy = new(problem.YShape, problem.Dy);
        Tensor OneImageShort(Shape s) => GuardedView(new Shape(1, s[1], s[2], s[3]), new float[s.ElementCount / 2], after: s.ElementCount);
        Tensor OneValueShort(Shape s) => GuardedView(new Shape(s.ElementCount - 1), new float[s.ElementCount - 1], after: s.ElementCount);

        var failures = new List<string>();
        void Expect(string operand, Tensor wrong, Action<Tensor> backward)
        {
            try
            {
                backward(wrong);
                failures.Add($"{operand} {wrong.Shape}: accepted");
            }
            catch (Exception error) when (error is not Xunit.Sdk.XunitException)
            {
                if (error.GetType() != typeof(ArgumentException) || !error.Message.Contains(wrong.Shape.ToString()))
                    failures.Add($"{operand} {wrong.Shape}: {error.GetType().Name}: {error.Message}");
            }
            if (wrong.Buffer.Where((v, i) => (i < wrong.Offset || i >= wrong.Offset + wrong.Length) && v != Guard).Any())
                failures.Add($"{operand} {wrong.Shape}: values written outside the view");
        }
        Expect("dy", OneImageShort(problem.YShape), wrong => problem.Backward(backend, x, kernel, wrong, new Tensor(problem.XShape), false, null, false, null, false));
        Expect("dx", OneImageShort(problem.XShape), wrong => problem.Backward(backend, x, kernel, dy, wrong, false, null, false, null, false));
        Expect("dkernel", OneValueShort(problem.KernelShape), wrong => problem.Backward(backend, x, kernel, dy, null, false, wrong, false, null, false));
        Expect("dbias", OneValueShort(problem.BiasShape), wrong => problem.Backward(backend, x, kernel, dy, null, false, null, false, wrong, false));
        Assert.True(failures.Count == 0, $"{geometry} backward, expected an ArgumentException naming the wrong shape:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void PoolingUpsamplingAndBatchNormWriteOnlyInsideTheirViewsAndAccumulate()
    {
        var backend = TestBackends.Parallel;
        var random = new Random(3);
        // 6 × 8 planes of 40 × 60: above the 16,384 elements where these kernels split over planes or channels.
        Shape image = new(6, 8, 40, 60), pooled = new(6, 8, 20, 30);
        float[] x = Uniform(random, image.ElementCount), dyPooled = Uniform(random, pooled.ElementCount), dyImage = Uniform(random, image.ElementCount);

        Tensor yPool = GuardedView(pooled, new float[pooled.ElementCount]);
        backend.MaxPool2D(GuardedView(image, x), yPool, 2, 2);
        AssertGuardsIntact(yPool, "max pool output");
        AssertBackwardAccumulates("max pool", image, (dx, accumulate) => backend.MaxPool2DBackward(new Tensor(image, x), new Tensor(pooled, dyPooled), dx, 2, 2, accumulate));
        Shape overlapping = new(6, 8, 19, 29); // 3 × 3 windows 2 apart: the general kernel, not the 2 × 2 one
        Tensor yOverlapping = GuardedView(overlapping, new float[overlapping.ElementCount]);
        backend.MaxPool2D(GuardedView(image, x), yOverlapping, 3, 2);
        AssertGuardsIntact(yOverlapping, "3 × 3 max pool output");
        float[] dyOverlapping = Uniform(random, overlapping.ElementCount);
        AssertBackwardAccumulates("3 × 3 max pool", image, (dx, accumulate) =>
            backend.MaxPool2DBackward(new Tensor(image, x), new Tensor(overlapping, dyOverlapping), dx, 3, 2, accumulate));

        Tensor yUp = GuardedView(image, new float[image.ElementCount]);
        backend.UpSample2D(GuardedView(pooled, dyPooled), yUp, 2);
        AssertGuardsIntact(yUp, "upsampling output");
        AssertBackwardAccumulates("upsampling", pooled, (dx, accumulate) => backend.UpSample2DBackward(new Tensor(image, dyImage), dx, 2, accumulate));

        Shape channels = new(8);
        Tensor gamma = new(channels, Uniform(random, 8, 0.5f, 1.5f)), beta = new(channels, Uniform(random, 8));
        Tensor mean = GuardedView(channels, new float[8]), variance = GuardedView(channels, Enumerable.Repeat(1f, 8).ToArray());
        Tensor y = GuardedView(image, new float[image.ElementCount]), normalized = GuardedView(image, new float[image.ElementCount]);
        Tensor inverseStd = GuardedView(channels, new float[8]);
        backend.BatchNorm(new Tensor(image, x), gamma, beta, mean, variance, y, normalized, inverseStd, 0.1f, 1e-5f, training: true);
        foreach (var (view, name) in new[] { (mean, "running mean"), (variance, "running variance"), (y, "y"), (normalized, "x̂"), (inverseStd, "1/σ") })
            AssertGuardsIntact(view, "batch norm " + name);
        AssertBackwardAccumulates("batch norm dx", image, (dx, accumulate) =>
            backend.BatchNormBackward(normalized, inverseStd, gamma, new Tensor(image, dyImage), dx, accumulate, null, false, null, false, true));
        AssertBackwardAccumulates("batch norm dγ", channels, (dGamma, accumulate) =>
            backend.BatchNormBackward(normalized, inverseStd, gamma, new Tensor(image, dyImage), null, false, dGamma, accumulate, null, false, true));
        AssertBackwardAccumulates("batch norm dβ", channels, (dBeta, accumulate) =>
            backend.BatchNormBackward(normalized, inverseStd, gamma, new Tensor(image, dyImage), null, false, null, false, dBeta, accumulate, true));
    }

    /// <summary>Runs a backward kernel into a guarded view: overwriting NaN, then adding to random values.</summary>
    private static void AssertBackwardAccumulates(string what, Shape shape, Action<Tensor, bool> backward)
    {
        Tensor fresh = GuardedView(shape, Enumerable.Repeat(float.NaN, shape.ElementCount).ToArray());
        backward(fresh, false);
        AssertGuardsIntact(fresh, what + " overwriting");
        Assert.All(fresh.ToArray(), v => Assert.True(float.IsFinite(v), $"{what}: an overwritten gradient kept {v}"));
        float[] before = Uniform(new Random(shape.ElementCount), shape.ElementCount);
        Tensor added = GuardedView(shape, before);
        backward(added, true);
        AssertGuardsIntact(added, what + " accumulating");
        AssertAdded(fresh.ToArray(), before, added.Span, what);
    }

    /// <summary>actual ≈ before + fresh: one more rounding, perhaps in another order.</summary>
    private static void AssertAdded(float[] fresh, float[] before, ReadOnlySpan<float> actual, string what)
    {
        for (int i = 0; i < fresh.Length; i++)
            Near.One((double)before[i] + fresh[i], actual[i], 0, 1e-6 * (Math.Abs(before[i]) + Math.Abs(fresh[i])) + 1e-30, $"{what}, element {i}");
    }

    private static void AssertSameBits(float[] expected, float[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {expected.Length} values versus {actual.Length}");
        if (FirstDifferentBits(expected, actual) is { } i)
            Assert.Fail($"{what}: element {i} is {actual[i]:G9}, expected {expected[i]:G9} bit for bit");
    }

    private static int? FirstDifferentBits(float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                return i;
        return null;
    }

    /// <summary>What a convolution pass computed: y, then the gradients from the case's fixed dy.</summary>
    private sealed record ConvolutionResult(float[] Y, float[] Dx, float[] DKernel, float[] DBias);

    /// <summary>
    /// One convolution problem with seeded random x, kernel, bias and upstream gradient dy. The geometry's image side
    /// holds B = <see cref="ConvolutionGeometry.Channels"/> channels and its position side A channels: a convolution
    /// reads its image x (B = C) and writes positions y (A = O), a transposed one reads positions x (A = C) and
    /// writes its image y (B = O). Either way the kernel is (A, B, k, k), which is why one loop over the taps serves as
    /// the reference of all four passes.
    /// </summary>
    private sealed class ConvolutionCase
    {
        // (C in, O out, H, W, kernel, stride, padding, output padding); H × W is the image, or the positions when transposed.
        // Each is above 2^17 multiply-adds from 5 images on, where the backend splits a pass over the batch.
        private static readonly Dictionary<string, (bool Transposed, int In, int Out, int H, int W, int K, int S, int P, int OutputPadding)> Cases = new()
        {
            ["same3x3"] = (false, 4, 8, 9, 11, 3, 1, 1, 0),
            ["same3x3_28x28"] = (false, 2, 8, 28, 28, 3, 1, 1, 0),        // an MNIST image: 784 positions
            ["3x3_stride2_odd"] = (false, 8, 8, 15, 17, 3, 2, 0, 0),       // 7×8 positions; the last row and column unread
            ["5x5_padding2"] = (false, 4, 8, 9, 11, 5, 1, 2, 0),
            ["1x1"] = (false, 8, 8, 21, 23, 1, 1, 0, 0),                  // the columns are the image itself
            ["2x2_stride3_padding1"] = (false, 8, 16, 22, 25, 2, 3, 1, 0), // stride > kernel: some pixels read by no window
            ["3x3_fewer_outputs"] = (false, 16, 2, 9, 11, 3, 1, 1, 0),     // O·H·W < C·OH·OW: channels mixed first, taps summed
            ["3x3_stride2_fewer_outputs"] = (false, 16, 4, 13, 15, 3, 2, 1, 0),
            ["transposed3x3_stride2"] = (true, 8, 8, 7, 8, 3, 2, 1, 1),   // the conv preset's: 14×16
            ["transposed3x3_stride1"] = (true, 8, 8, 7, 8, 3, 1, 1, 0),
            ["transposed2x2_stride3"] = (true, 8, 8, 10, 12, 2, 3, 0, 1), // pixels no tap reaches: bias only
        };

        // Rectangular kernels with a stride and padding per axis, as (height, width): the 1-D convolutions' 1×k kernels on
        // 1×T images (Conv1D's), and a 3×2 one that mixes both axes' settings.
        private static readonly Dictionary<string, (bool Transposed, int In, int Out, int H, int W, (int H, int W) K, (int H, int W) S, (int H, int W) P, (int H, int W) OutputPadding)> RectangularCases = new()
        {
            ["1x7_stride2_sequence"] = (false, 4, 16, 1, 57, (1, 7), (1, 2), (0, 3), (0, 0)),
            ["1x5_fewer_outputs_sequence"] = (false, 16, 2, 1, 61, (1, 5), (1, 1), (0, 2), (0, 0)),
            ["3x2_stride2x1_padding1x0"] = (false, 4, 8, 9, 11, (3, 2), (2, 1), (1, 0), (0, 0)),
            ["transposed1x7_stride2_sequence"] = (true, 8, 8, 1, 29, (1, 7), (1, 2), (0, 3), (0, 1)),
            ["transposed3x2_stride1x2"] = (true, 8, 4, 7, 8, (3, 2), (1, 2), (1, 0), (0, 1)),
        };

        public static IEnumerable<string> Names => Cases.Keys.Concat(RectangularCases.Keys);

        private ConvolutionCase(bool transposed, int batch, int inChannels, int outChannels, int height, int width,
            (int H, int W) kernel, (int H, int W) stride, (int H, int W) padding, (int H, int W) outputPadding, int seed)
        {
            Transposed = transposed;
            Geometry = transposed
                ? ConvolutionGeometry.ForTransposed(outChannels, height, width, kernel, stride, padding, outputPadding)
                : ConvolutionGeometry.ForConvolution(inChannels, height, width, kernel, stride, padding);
            PositionChannels = transposed ? inChannels : outChannels;
            XShape = new Shape(batch, inChannels, height, width);
            YShape = transposed
                ? new Shape(batch, outChannels, Geometry.Height, Geometry.Width)
                : new Shape(batch, outChannels, Geometry.OutputHeight, Geometry.OutputWidth);
            KernelShape = transposed ? new Shape(inChannels, outChannels, kernel.H, kernel.W) : new Shape(outChannels, inChannels, kernel.H, kernel.W);
            BiasShape = new Shape(outChannels);
            var random = new Random(seed);
            (X, Kernel, Bias, Dy) = (Uniform(random, XShape.ElementCount), Uniform(random, KernelShape.ElementCount),
                Uniform(random, outChannels), Uniform(random, YShape.ElementCount));
        }

        public static ConvolutionCase Create(string name, int batch)
        {
            int seed = 100 * Names.ToList().IndexOf(name) + batch;
            if (RectangularCases.TryGetValue(name, out var r))
                return new ConvolutionCase(r.Transposed, batch, r.In, r.Out, r.H, r.W, r.K, r.S, r.P, r.OutputPadding, seed);
            var c = Cases[name];
            return new ConvolutionCase(c.Transposed, batch, c.In, c.Out, c.H, c.W, (c.K, c.K), (c.S, c.S), (c.P, c.P), (c.OutputPadding, c.OutputPadding), seed);
        }

        public bool Transposed { get; }

        public ConvolutionGeometry Geometry { get; }

        public int PositionChannels { get; }

        public Shape XShape { get; }

        public Shape YShape { get; }

        public Shape KernelShape { get; }

        public Shape BiasShape { get; }

        public float[] X { get; }

        public float[] Kernel { get; }

        public float[] Bias { get; }

        public float[] Dy { get; }

        /// <summary>Forward, then backward with every gradient overwritten; with <paramref name="views"/>, every operand is a
        /// view inside guard values, which must all be intact afterwards (inputs included: no kernel may write to them).</summary>
        public ConvolutionResult Run(IComputeBackend backend, bool views = false)
        {
            Tensor Make(Shape shape, float[] values, int offset) => views ? GuardedView(shape, values, offset) : new Tensor(shape, values);
            float[] NaNs(Shape shape) => [.. Enumerable.Repeat(float.NaN, shape.ElementCount)];
            Tensor x = Make(XShape, X, 3), kernel = Make(KernelShape, Kernel, 5), bias = Make(BiasShape, Bias, 1), dy = Make(YShape, Dy, 2);
            Tensor y = Make(YShape, NaNs(YShape), 4), dx = Make(XShape, NaNs(XShape), 6);
            Tensor dKernel = Make(KernelShape, NaNs(KernelShape), 7), dBias = Make(BiasShape, NaNs(BiasShape), 9);
            if (Transposed) backend.Conv2DTranspose(x, kernel, bias, y, Geometry);
            else backend.Conv2D(x, kernel, bias, y, Geometry);
            Backward(backend, x, kernel, dy, dx, false, dKernel, false, dBias, false);
            if (views)
                foreach (var (view, name) in new[] { (x, "x"), (kernel, "kernel"), (bias, "bias"), (dy, "dy"), (y, "y"), (dx, "dx"), (dKernel, "dkernel"), (dBias, "dbias") })
                    AssertGuardsIntact(view, $"{backend.Name}, {(Transposed ? "transposed " : "")}convolution: {name}");
            return new ConvolutionResult(y.ToArray(), dx.ToArray(), dKernel.ToArray(), dBias.ToArray());
        }

        /// <summary>The backward pass of this case's x, kernel and dy into the given gradients.</summary>
        public void Backward(IComputeBackend backend, Tensor? dx, bool accumulateX, Tensor? dKernel, bool accumulateKernel, Tensor? dBias, bool accumulateBias) =>
            Backward(backend, new Tensor(XShape, X), new Tensor(KernelShape, Kernel), new Tensor(YShape, Dy), dx, accumulateX, dKernel, accumulateKernel, dBias, accumulateBias);

        public void Backward(IComputeBackend backend, Tensor x, Tensor kernel, Tensor dy, Tensor? dx, bool accumulateX,
            Tensor? dKernel, bool accumulateKernel, Tensor? dBias, bool accumulateBias)
        {
            if (Transposed)
                backend.Conv2DTransposeBackward(x, kernel, dy, dx, accumulateX, dKernel, accumulateKernel, dBias, accumulateBias, Geometry);
            else
                backend.Conv2DBackward(x, kernel, dy, dx, accumulateX, dKernel, accumulateKernel, dBias, accumulateBias, Geometry);
        }

        /// <summary>y, dx, dkernel and dbias summed tap by tap in double, with Σ |terms| of each element for the tolerance.</summary>
        public ConvolutionReference Reference()
        {
            var r = new ConvolutionReference(YShape.ElementCount, XShape.ElementCount, KernelShape.ElementCount, BiasShape.ElementCount);
            int plane = YShape[2] * YShape[3], channels = YShape[1];
            for (int i = 0; i < Dy.Length; i++)
            {
                int c = i / plane % channels;
                r.Y.Add(i, Bias[c]);
                r.DBias.Add(c, Dy[i]);
            }
            // Every kernel tap (pa, ib, ky, kx) at every window position (oy, ox) whose pixel lies inside the image.
            var g = Geometry;
            int a = PositionChannels, b = g.Channels;
            for (int n = 0; n < XShape[0]; n++)
                for (int pa = 0; pa < a; pa++)
                    for (int ib = 0; ib < b; ib++)
                        for (int oy = 0; oy < g.OutputHeight; oy++)
                            for (int ky = 0; ky < g.KernelHeight; ky++)
                            {
                                int iy = oy * g.StrideHeight - g.PaddingHeight + ky;
                                if (iy < 0 || iy >= g.Height) continue;
                                for (int ox = 0; ox < g.OutputWidth; ox++)
                                    for (int kx = 0; kx < g.KernelWidth; kx++)
                                    {
                                        int ix = ox * g.StrideWidth - g.PaddingWidth + kx;
                                        if (ix < 0 || ix >= g.Width) continue;
                                        int image = ((n * b + ib) * g.Height + iy) * g.Width + ix;
                                        int position = ((n * a + pa) * g.OutputHeight + oy) * g.OutputWidth + ox;
                                        int tap = ((pa * b + ib) * g.KernelHeight + ky) * g.KernelWidth + kx;
                                        // A convolution reads x at the pixel and writes y at the position; a transposed one the other way round.
                                        var (from, to) = Transposed ? (position, image) : (image, position);
                                        r.Y.Add(to, (double)Kernel[tap] * X[from]);
                                        r.Dx.Add(from, (double)Kernel[tap] * Dy[to]);
                                        r.DKernel.Add(tap, (double)X[from] * Dy[to]);
                                    }
                            }
            return r;
        }
    }

    /// <summary>Sums in double with the sum of the terms' magnitudes beside each.</summary>
    private sealed class ReferenceSums(int length)
    {
        public readonly double[] Values = new double[length], Magnitudes = new double[length];

        public void Add(int i, double term)
        {
            Values[i] += term;
            Magnitudes[i] += Math.Abs(term);
        }

        /// <summary>actual ≈ (<paramref name="before"/> +) the sums, within 1e-5 of Σ |terms| (and of |before|).</summary>
        public void AssertNear(float[] actual, string what, float[]? before = null)
        {
            Assert.True(actual.Length == Values.Length, $"{what}: expected {Values.Length} values, received {actual.Length}");
            for (int i = 0; i < actual.Length; i++)
            {
                double start = before?[i] ?? 0;
                Near.One(start + Values[i], actual[i], 0, 1e-5 * (Magnitudes[i] + Math.Abs(start)) + 1e-30, $"{what}, element {i}");
            }
        }
    }

    private sealed class ConvolutionReference(int y, int x, int kernel, int bias)
    {
        public readonly ReferenceSums Y = new(y), Dx = new(x), DKernel = new(kernel), DBias = new(bias);

        public void AssertNear(ConvolutionResult result, string what)
        {
            Y.AssertNear(result.Y, what + ": y");
            Dx.AssertNear(result.Dx, what + ": dx");
            DKernel.AssertNear(result.DKernel, what + ": dkernel");
            DBias.AssertNear(result.DBias, what + ": dbias");
        }
    }
}
