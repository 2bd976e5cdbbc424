namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// A convolution pass over a batch, split by images: each chunk takes a run of images and, per image, builds
/// its column matrix in a scratch buffer of its own (small enough to stay in L2 for the GEMM that follows) and
/// runs a single-threaded GEMM on it. Kernel and bias gradients are summed per chunk and the chunks' sums added
/// in chunk order afterwards. A batch is always cut into the same <see cref="Parts"/> chunks (fewer for a smaller
/// batch), whatever the thread count, so results depend neither on which thread ran what nor on how many there are.
/// Shapes: N images; the image side is (C, H, W), the column side C·k·k × P positions (k·k meaning kh·kw throughout; see <see cref="ConvolutionGeometry"/>);
/// O channels on the other side of the kernel.
/// </summary>
internal sealed class ConvolutionJob : IParallelJob
{
    public enum Pass
    {
        /// <summary>y_n (O, P) = K (O, Ckk) · im2col(x_n) + b.</summary>
        ConvolutionForward,

        /// <summary>dKᵀ += im2col(x_n) · dy_nᵀ; dx_n = col2im(Kᵀ · dy_n); db += Σ dy_n.</summary>
        ConvolutionBackward,

        /// <summary>y_n (O, H, W) = col2im(Kᵀ (Okk, C) · x_n (C, P)) + b, K being (C, O·k·k).</summary>
        TransposedForward,

        /// <summary>dx_n = K · im2col(dy_n); dKᵀ += im2col(dy_n) · x_nᵀ; db += Σ dy_n.</summary>
        TransposedBackward,
    }

    /// <summary>The chunks a batch is cut into (at most one an image): a constant, so that the order in which the
    /// gradient sums are added is the same on any number of threads; 12 balance the load of up to 3 threads.</summary>
    public const int Parts = 12;

    private readonly Scratch[] scratch;
    private float[] kernelByTap = [], reducedKernelGradient = [];
    private bool outputSide;
    private OpenBlas? blas;
    private Pass pass;
    private ConvolutionGeometry g;
    private int images, channels;
    private Tensor? x, kernel, bias, y, dy, dx, dKernel, dBias;
    private bool accumulateX;
    private readonly ManagedGemmWidth managedWidth;

    /// <param name="managedWidth">The vector width of the managed GEMM, where OpenBLAS is not used.</param>
    public ConvolutionJob(int maxChunks, ManagedGemmWidth managedWidth)
    {
        this.managedWidth = managedWidth;
        scratch = new Scratch[maxChunks];
        for (int i = 0; i < maxChunks; i++) scratch[i] = new Scratch();
    }

    /// <summary>How many chunks ran last: the entries of the per-chunk gradient sums that count.</summary>
    public int PartCount { get; private set; }

    public void SetForward(OpenBlas? library, Pass forward, Tensor input, Tensor weights, Tensor? biasValues, Tensor output, in ConvolutionGeometry geometry, int otherChannels)
    {
        (blas, pass, g, x, kernel, bias, y, images, channels) = (library, forward, geometry, input, weights, biasValues, output, input.Shape[0], otherChannels);
        PartCount = 0;
        ChooseSide();
    }

    public void SetBackward(OpenBlas? library, Pass backward, Tensor input, Tensor weights, Tensor upstream, Tensor? inputGradient, bool accumulateInput,
        Tensor? kernelGradient, Tensor? biasGradient, in ConvolutionGeometry geometry, int otherChannels)
    {
        (blas, pass, g, x, kernel, dy, dx, accumulateX, dKernel, dBias, images, channels) =
            (library, backward, geometry, input, weights, upstream, inputGradient, accumulateInput, kernelGradient, biasGradient, input.Shape[0], otherChannels);
        PartCount = 0;
        ChooseSide();
    }

    /// <summary>
    /// A convolution with fewer output than input channels (a decoder's last layer, 32 → 1) mixes channels first:
    /// taps (O·k·k, H·W) = K' (O·k·k, C) · x_n, then each output sums its k·k shifted taps. Its buffer is O·k·k × H·W
    /// instead of im2col's C·k·k × OH·OW, so it moves far less memory. K' is the kernel permuted to (O, k, k) × C.
    /// </summary>
    private void ChooseSide()
    {
        outputSide = pass is Pass.ConvolutionForward or Pass.ConvolutionBackward && !g.ColumnsAreImage
            && (long)channels * g.Height * g.Width < (long)g.Channels * g.Positions;
        if (!outputSide) return;
        int taps = g.KernelArea, inputChannels = g.Channels;
        if (kernelByTap.Length < kernel!.Length) kernelByTap = Tensor.AllocateBuffer(kernel.Length);
        ReadOnlySpan<float> k = kernel.Span;
        int block = taps * inputChannels;
        for (int o = 0; o < channels; o++)
            MatrixTranspose.Into(k.Slice(o * block, block), inputChannels, taps, kernelByTap.AsSpan(o * block, block), inputChannels, accumulate: false);
    }

    public void Clear() => x = kernel = bias = y = dy = dx = dKernel = dBias = null;

    public void Execute(int part, int parts)
    {
        PartCount = parts;
        var (start, end) = ParallelRunner.Range(images, part, parts, alignment: 1);
        Scratch own = scratch[part];
        own.Prepare(outputSide ? channels * g.KernelArea * g.Height * g.Width : g.ColumnRows * g.Positions, kernel!.Length, BiasChannels);
        own.Touched = false;
        for (int n = start; n < end; n++)
        {
            switch (pass)
            {
                case Pass.ConvolutionForward when outputSide: OutputSideForward(n, own); break;
                case Pass.ConvolutionBackward when outputSide: OutputSideBackward(n, own); break;
                case Pass.ConvolutionForward: ConvolutionForward(n, own); break;
                case Pass.ConvolutionBackward: ConvolutionBackward(n, own); break;
                case Pass.TransposedForward: TransposedForward(n, own); break;
                case Pass.TransposedBackward: TransposedBackward(n, own); break;
            }
            own.Touched = true;
        }
    }

    /// <summary>Adds the chunks' kernel and bias gradients, in chunk order, into the gradient tensors.</summary>
    public void ReduceGradients(bool accumulateKernel, bool accumulateBias)
    {
        if (dKernel is not null)
        {
            // The chunks summed the kernel gradient in the layout their GEMM wrote: output side, dK' (O·k·k, C), a (k·k, C)
            // block per output channel; otherwise dKᵀ (C·k·k, O). Add them up, then transpose into the kernel's (O, C·k·k).
            if (reducedKernelGradient.Length < dKernel.Length) reducedKernelGradient = Tensor.AllocateBuffer(dKernel.Length);
            Span<float> reduced = reducedKernelGradient.AsSpan(0, dKernel.Length);
            Reduce(reduced, static s => s.KernelGradient, accumulate: false);
            Span<float> gradient = dKernel.Span;
            if (outputSide)
            {
                int block = g.KernelArea * g.Channels;
                for (int o = 0; o < channels; o++)
                    MatrixTranspose.Into(reduced.Slice(o * block, block), g.KernelArea, g.Channels, gradient.Slice(o * block, block), g.KernelArea, accumulateKernel);
            }
            else
                MatrixTranspose.Into(reduced, g.ColumnRows, channels, gradient, g.ColumnRows, accumulateKernel);
        }
        if (dBias is not null) Reduce(dBias.Span, static s => s.BiasGradient, accumulateBias);
    }

    private void Reduce(Span<float> destination, Func<Scratch, float[]> partial, bool accumulate)
    {
        if (!accumulate) destination.Clear();
        for (int part = 0; part < PartCount; part++)
            if (scratch[part].Touched)
                System.Numerics.Tensors.TensorPrimitives.Add(destination, partial(scratch[part]).AsSpan(0, destination.Length), destination);
    }

    // (O, P) per image: O = channels, P = positions.
    private void ConvolutionForward(int n, Scratch own)
    {
        int positions = g.Positions, columnRows = g.ColumnRows;
        var (columns, columnsOffset) = Columns(x!, n, own);
        int yOffset = y!.Offset + n * channels * positions;
        if (bias is not null) FillRowsWithBias(y.Buffer.AsSpan(yOffset, channels * positions), bias.Span, positions);
        Gemm(false, false, channels, positions, columnRows, kernel!.Buffer, kernel.Offset, columnRows,
            columns, columnsOffset, positions, bias is null ? 0f : 1f, y.Buffer, yOffset, positions);
    }

    private void ConvolutionBackward(int n, Scratch own)
    {
        int positions = g.Positions, columnRows = g.ColumnRows;
        int dyOffset = dy!.Offset + n * channels * positions;
        if (dKernel is not null)
        {
            var (columns, columnsOffset) = Columns(x!, n, own);
            // dKᵀ (Ckk, O) += columns (Ckk, P) · dy_nᵀ (P, O): transposed (see ReduceGradients), so that the long side,
            // C·k·k, is the GEMM's rows and the packed operand is dy_n, not the much larger columns.
            Gemm(false, true, columnRows, channels, positions, columns, columnsOffset, positions,
                dy.Buffer, dyOffset, positions, own.Touched ? 1f : 0f, own.KernelGradient, 0, channels);
        }
        if (dBias is not null) AddRowSums(dy.Buffer.AsSpan(dyOffset, channels * positions), positions, own);
        if (dx is not null)
        {
            // columns (Ckk, P) = Kᵀ (Ckk, O) · dy_n (O, P), folded back onto the image.
            Gemm(true, false, columnRows, positions, channels, kernel!.Buffer, kernel.Offset, columnRows,
                dy.Buffer, dyOffset, positions, 0f, own.Columns, 0, positions);
            ImageColumns.ColumnsToImage(own.Columns, dx.Buffer.AsSpan(dx.Offset + n * g.ImageSize, g.ImageSize), g, accumulateX);
        }
    }

    // Output-side convolution: x_n (C, H·W) → taps (O·k·k, H·W) → y_n (O, P).
    private void OutputSideForward(int n, Scratch own)
    {
        int plane = g.Height * g.Width, tapRows = channels * g.KernelArea;
        Gemm(false, false, tapRows, plane, g.Channels, kernelByTap, 0, g.Channels,
            x!.Buffer, x.Offset + n * g.ImageSize, plane, 0f, own.Columns, 0, plane);
        Span<float> output = y!.Buffer.AsSpan(y.Offset + n * channels * g.Positions, channels * g.Positions);
        if (bias is not null) FillRowsWithBias(output, bias.Span, g.Positions);
        ImageColumns.GatherTaps(own.Columns, output, channels, g, accumulate: bias is not null);
    }

    private void OutputSideBackward(int n, Scratch own)
    {
        int plane = g.Height * g.Width, tapRows = channels * g.KernelArea;
        ReadOnlySpan<float> upstream = dy!.Buffer.AsSpan(dy.Offset + n * channels * g.Positions, channels * g.Positions);
        if (dBias is not null) AddRowSums(upstream, g.Positions, own);
        if (dKernel is null && dx is null) return;
        ImageColumns.ScatterTaps(upstream, own.Columns, channels, g);
        int xOffset = x!.Offset + n * g.ImageSize;
        if (dKernel is not null)
            // dK' (O·k·k, C) += taps (O·k·k, H·W) · x_nᵀ (H·W, C)
            Gemm(false, true, tapRows, g.Channels, plane, own.Columns, 0, plane,
                x.Buffer, xOffset, plane, own.Touched ? 1f : 0f, own.KernelGradient, 0, g.Channels);
        if (dx is not null)
            // dx_n (C, H·W) (+)= K'ᵀ (C, O·k·k) · taps (O·k·k, H·W)
            Gemm(true, false, g.Channels, plane, tapRows, kernelByTap, 0, g.Channels,
                own.Columns, 0, plane, accumulateX ? 1f : 0f, dx.Buffer, dx.Offset + n * g.ImageSize, plane);
    }

    // Here the image side is the output: x_n is (C_in, P) with C_in = channels, y_n is (O, H, W) = g's image.
    private void TransposedForward(int n, Scratch own)
    {
        int positions = g.Positions, columnRows = g.ColumnRows;
        // columns (Okk, P) = Kᵀ (Okk, C_in) · x_n (C_in, P)
        Gemm(true, false, columnRows, positions, channels, kernel!.Buffer, kernel.Offset, columnRows,
            x!.Buffer, x.Offset + n * channels * positions, positions, 0f, own.Columns, 0, positions);
        Span<float> image = y!.Buffer.AsSpan(y.Offset + n * g.ImageSize, g.ImageSize);
        if (bias is not null) FillRowsWithBias(image, bias.Span, g.Height * g.Width);
        ImageColumns.ColumnsToImage(own.Columns, image, g, accumulate: bias is not null);
    }

    private void TransposedBackward(int n, Scratch own)
    {
        int positions = g.Positions, columnRows = g.ColumnRows;
        int xOffset = x!.Offset + n * channels * positions;
        ReadOnlySpan<float> upstreamImage = dy!.Buffer.AsSpan(dy.Offset + n * g.ImageSize, g.ImageSize);
        if (dBias is not null) AddRowSums(upstreamImage, g.Height * g.Width, own);
        if (dKernel is null && dx is null) return;
        ImageColumns.ImageToColumns(upstreamImage, own.Columns, g);
        if (dKernel is not null)
            // dKᵀ (Okk, C_in) += columns (Okk, P) · x_nᵀ (P, C_in), transposed as in ConvolutionBackward.
            Gemm(false, true, columnRows, channels, positions, own.Columns, 0, positions,
                x.Buffer, xOffset, positions, own.Touched ? 1f : 0f, own.KernelGradient, 0, channels);
        if (dx is not null)
            // dx_n (C_in, P) (+)= K (C_in, Okk) · columns (Okk, P)
            Gemm(false, false, channels, positions, columnRows, kernel!.Buffer, kernel.Offset, columnRows,
                own.Columns, 0, positions, accumulateX ? 1f : 0f, dx.Buffer, dx.Offset + n * channels * positions, positions);
    }

    /// <summary>The column matrix of image n: the image itself for a 1×1 kernel, else im2col into the scratch buffer.</summary>
    private (float[] Buffer, int Offset) Columns(Tensor images, int n, Scratch own)
    {
        int offset = images.Offset + n * g.ImageSize;
        if (g.ColumnsAreImage) return (images.Buffer, offset);
        ImageColumns.ImageToColumns(images.Buffer.AsSpan(offset, g.ImageSize), own.Columns, g);
        return (own.Columns, 0);
    }

    private static void FillRowsWithBias(Span<float> rows, ReadOnlySpan<float> bias, int rowLength)
    {
        for (int o = 0; o < bias.Length; o++) rows.Slice(o * rowLength, rowLength).Fill(bias[o]);
    }

    /// <summary>The channels of the output side, which the bias belongs to: O of a convolution, the image's of a transposed one.</summary>
    private int BiasChannels => pass is Pass.ConvolutionForward or Pass.ConvolutionBackward ? channels : g.Channels;

    private void AddRowSums(ReadOnlySpan<float> rows, int rowLength, Scratch own)
    {
        for (int o = 0; o < BiasChannels; o++)
        {
            float sum = System.Numerics.Tensors.TensorPrimitives.Sum(rows.Slice(o * rowLength, rowLength));
            own.BiasGradient[o] = own.Touched ? own.BiasGradient[o] + sum : sum;
        }
    }

    private void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float[] a, int aOffset, int lda,
        float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc)
    {
        if (blas is not null)
            blas.Gemm(transposeA, transposeB, m, n, k, 1f, a.AsSpan(aOffset), lda, b.AsSpan(bOffset), ldb, beta, c.AsSpan(cOffset), ldc);
        else
            ManagedGemm.Gemm(transposeA, transposeB, m, n, k, 1f, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, managedWidth);
    }

    /// <summary>One chunk's buffers, grown to the largest layer seen and then reused.</summary>
    private sealed class Scratch
    {
        public float[] Columns = [];
        public float[] KernelGradient = [];
        public float[] BiasGradient = [];

        /// <summary>Whether this chunk has processed an image in the current pass (its gradient sums are live).</summary>
        public bool Touched;

        public void Prepare(int columns, int kernel, int channels)
        {
            if (Columns.Length < columns) Columns = Tensor.AllocateBuffer(columns);
            if (KernelGradient.Length < kernel) KernelGradient = Tensor.AllocateBuffer(kernel);
            if (BiasGradient.Length < channels) BiasGradient = new float[channels];
        }
    }
}
