using System.Numerics.Tensors;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// A 1-D convolution pass over a batch of channels-last sequences, split by sequences as <see cref="ConvolutionJob"/>
/// splits images (the same fixed <see cref="ConvolutionJob.Parts"/> chunks, so the gradient sums do not depend on the
/// thread count). The column matrices (OT, k·C) of a group of consecutive sequences are built one under the other in the
/// chunk's scratch (<see cref="SequenceColumns"/>), and since the sequences' steps are consecutive rows in (N, T, C) too,
/// one GEMM serves the group; the kernel is permuted once per pass to (A, k, B) so that a kernel row matches a column row.
/// A group's columns stay within <see cref="GroupColumnValues"/> (in L2); for the conv1d preset's first and last layers
/// (k·C = 7) a group is 30 to 60 sequences, where one GEMM of 144 or 288 rows per sequence would be mostly call overhead.
/// Shapes: the geometry's image side is the sequence (T, C) = (g.Width, g.Channels), its position side (OT, A) with
/// A = <c>otherChannels</c>; a convolution reads the image side, a transposed one writes it. Kernel (A, B, k) is
/// PyTorch's: Conv1d's (O, C, k), ConvTranspose1d's (C_in, O, k).
/// </summary>
internal sealed class SequenceConvolutionJob(int maxChunks, ManagedGemmWidth managedWidth) : IParallelJob
{
    public enum Pass
    {
        /// <summary>y_n (OT, O) = columns(x_n) (OT, kC) · K'ᵀ (kC, O) + b.</summary>
        ConvolutionForward,

        /// <summary>dK' += dy_nᵀ · columns(x_n); dx_n = col2im(dy_n · K'); db += Σ_t dy_n.</summary>
        ConvolutionBackward,

        /// <summary>y_n (T', O) = col2im(x_n (T, C) · K' (C, kO)) + b.</summary>
        TransposedForward,

        /// <summary>dK' += x_nᵀ · columns(dy_n); dx_n = columns(dy_n) · K'ᵀ; db += Σ_t dy_n.</summary>
        TransposedBackward,
    }

    /// <summary>The most column values a group builds for one GEMM: 256 KB.</summary>
    private const int GroupColumnValues = 1 << 16;

    private readonly Scratch[] scratch = [.. Enumerable.Range(0, maxChunks).Select(_ => new Scratch())];
    private float[] permutedKernel = [], permutedGradient = [];
    private OpenBlas? blas;
    private Pass pass;
    private ConvolutionGeometry g;
    private int sequences, channels;
    private Tensor? x, bias, y, dy, dx, dKernel, dBias;
    private bool accumulateX;

    public int PartCount { get; private set; }

    public void Set(OpenBlas? library, Pass kind, Tensor input, Tensor kernel, Tensor? biasValues, Tensor? output, Tensor? upstream,
        Tensor? inputGradient, bool accumulateInput, Tensor? kernelGradient, Tensor? biasGradient, in ConvolutionGeometry geometry, int otherChannels)
    {
        (blas, pass, g, x, bias, y, dy, dx, accumulateX, dKernel, dBias, sequences, channels) =
            (library, kind, geometry, input, biasValues, output, upstream, inputGradient, accumulateInput, kernelGradient, biasGradient, input.Shape[0], otherChannels);
        PartCount = 0;
        if (permutedKernel.Length < kernel.Length) permutedKernel = Tensor.AllocateBuffer(kernel.Length);
        SequenceColumns.TapsBeforeChannels(kernel.Span, permutedKernel, channels, g.Channels, g.KernelWidth);
    }

    public void Clear() => x = bias = y = dy = dx = dKernel = dBias = null;

    private int ColumnRow => g.KernelWidth * g.Channels;

    private int KernelLength => channels * ColumnRow;

    public void Execute(int part, int parts)
    {
        PartCount = parts;
        var (start, end) = ParallelRunner.Range(sequences, part, parts, alignment: 1);
        Scratch own = scratch[part];
        int perSequence = g.OutputWidth * ColumnRow, group = Math.Max(1, GroupColumnValues / perSequence);
        own.Prepare(Math.Min(group, Math.Max(end - start, 1)) * perSequence, KernelLength, pass is Pass.ConvolutionForward or Pass.ConvolutionBackward ? channels : g.Channels);
        own.Touched = false;
        for (int n = start; n < end; n += group)
        {
            int count = Math.Min(group, end - n);
            switch (pass)
            {
                case Pass.ConvolutionForward: ConvolutionForward(n, count, own); break;
                case Pass.ConvolutionBackward: ConvolutionBackward(n, count, own); break;
                case Pass.TransposedForward: TransposedForward(n, count, own); break;
                case Pass.TransposedBackward: TransposedBackward(n, count, own); break;
            }
            own.Touched = true;
        }
    }

    /// <summary>Adds the chunks' kernel and bias gradients in chunk order, the kernel's permuted back to (A, B, k).</summary>
    public void ReduceGradients(bool accumulateKernel, bool accumulateBias)
    {
        if (dKernel is not null)
        {
            if (permutedGradient.Length < KernelLength) permutedGradient = Tensor.AllocateBuffer(KernelLength);
            Span<float> sum = permutedGradient.AsSpan(0, KernelLength);
            Reduce(sum, static s => s.KernelGradient, accumulate: false);
            SequenceColumns.ChannelsBeforeTaps(sum, dKernel.Span, channels, g.Channels, g.KernelWidth, accumulateKernel);
        }
        if (dBias is not null) Reduce(dBias.Span, static s => s.BiasGradient, accumulateBias);
    }

    private void Reduce(Span<float> destination, Func<Scratch, float[]> partial, bool accumulate)
    {
        if (!accumulate) destination.Clear();
        for (int part = 0; part < PartCount; part++)
            if (scratch[part].Touched) TensorPrimitives.Add(destination, partial(scratch[part]).AsSpan(0, destination.Length), destination);
    }

    // Sequences n … n + count − 1 at once: their position sides are count·OT consecutive rows of O = channels values,
    // their image sides count·T rows of C = g.Channels values, and their columns count·OT rows of k·C.
    private void ConvolutionForward(int n, int count, Scratch own)
    {
        int rows = count * g.OutputWidth, row = ColumnRow;
        BuildColumns(x!, n, count, own);
        int yOffset = y!.Offset + n * g.OutputWidth * channels;
        if (bias is not null) FillRowsWithBias(y.Buffer.AsSpan(yOffset, rows * channels), bias.Span);
        // y (rows, O) (+)= columns (rows, kC) · K'ᵀ (kC, O)
        Gemm(false, true, rows, channels, row, own.Columns, 0, row, permutedKernel, 0, row, bias is null ? 0f : 1f, y.Buffer, yOffset, channels);
    }

    private void ConvolutionBackward(int n, int count, Scratch own)
    {
        int rows = count * g.OutputWidth, row = ColumnRow;
        int dyOffset = dy!.Offset + n * g.OutputWidth * channels;
        if (dBias is not null) AddColumnSums(dy.Buffer.AsSpan(dyOffset, rows * channels), own);
        if (dKernel is not null)
        {
            BuildColumns(x!, n, count, own);
            // dK' (O, kC) += dyᵀ (O, rows) · columns (rows, kC)
            Gemm(true, false, channels, row, rows, dy.Buffer, dyOffset, channels, own.Columns, 0, row, own.Touched ? 1f : 0f, own.KernelGradient, 0, row);
        }
        if (dx is not null)
        {
            // columns (rows, kC) = dy (rows, O) · K' (O, kC), folded back onto each sequence.
            Gemm(false, false, rows, row, channels, dy.Buffer, dyOffset, channels, permutedKernel, 0, row, 0f, own.Columns, 0, row);
            FoldColumns(own, dx, n, count, accumulateX);
        }
    }

    // Here x is the position side (T rows of C_in = channels), y the image side (T' rows of O = g.Channels).
    private void TransposedForward(int n, int count, Scratch own)
    {
        int rows = count * g.OutputWidth, row = ColumnRow;
        // columns (rows, kO) = x (rows, C_in) · K' (C_in, kO)
        Gemm(false, false, rows, row, channels, x!.Buffer, x.Offset + n * g.OutputWidth * channels, channels, permutedKernel, 0, row, 0f, own.Columns, 0, row);
        if (bias is not null) FillRowsWithBias(y!.Buffer.AsSpan(y.Offset + n * g.ImageSize, count * g.ImageSize), bias.Span);
        FoldColumns(own, y!, n, count, accumulate: bias is not null);
    }

    private void TransposedBackward(int n, int count, Scratch own)
    {
        int rows = count * g.OutputWidth, row = ColumnRow;
        int xOffset = x!.Offset + n * g.OutputWidth * channels;
        if (dBias is not null) AddColumnSums(dy!.Buffer.AsSpan(dy.Offset + n * g.ImageSize, count * g.ImageSize), own);
        if (dKernel is null && dx is null) return;
        BuildColumns(dy!, n, count, own);
        if (dKernel is not null)
            // dK' (C_in, kO) += xᵀ (C_in, rows) · columns (rows, kO)
            Gemm(true, false, channels, row, rows, x.Buffer, xOffset, channels, own.Columns, 0, row, own.Touched ? 1f : 0f, own.KernelGradient, 0, row);
        if (dx is not null)
            // dx (rows, C_in) (+)= columns (rows, kO) · K'ᵀ (kO, C_in)
            Gemm(false, true, rows, channels, row, own.Columns, 0, row, permutedKernel, 0, row, accumulateX ? 1f : 0f, dx.Buffer, xOffset - x.Offset + dx.Offset, channels);
    }

    /// <summary>The columns of image-side sequences n … n + count − 1 of <paramref name="images"/>, one under the other.</summary>
    private void BuildColumns(Tensor images, int n, int count, Scratch own)
    {
        int perSequence = g.OutputWidth * ColumnRow;
        for (int i = 0; i < count; i++)
            SequenceColumns.SequenceToColumns(images.Buffer.AsSpan(images.Offset + (n + i) * g.ImageSize, g.ImageSize), own.Columns.AsSpan(i * perSequence, perSequence), g);
    }

    /// <summary>col2im of the group's columns onto image-side sequences n … n + count − 1 of <paramref name="images"/>.</summary>
    private void FoldColumns(Scratch own, Tensor images, int n, int count, bool accumulate)
    {
        int perSequence = g.OutputWidth * ColumnRow;
        for (int i = 0; i < count; i++)
            SequenceColumns.ColumnsToSequence(own.Columns.AsSpan(i * perSequence, perSequence), images.Buffer.AsSpan(images.Offset + (n + i) * g.ImageSize, g.ImageSize), g, accumulate);
    }

    /// <summary>Every step (row) of a channels-last output starts as the bias.</summary>
    private static void FillRowsWithBias(Span<float> rows, ReadOnlySpan<float> bias)
    {
        for (int start = 0; start < rows.Length; start += bias.Length) bias.CopyTo(rows.Slice(start, bias.Length));
    }

    /// <summary>The bias gradient: the sum over steps of a channels-last gradient (rows of one value per channel).</summary>
    private static void AddColumnSums(ReadOnlySpan<float> rows, Scratch own)
    {
        int width = own.BiasChannels;
        Span<float> sums = own.BiasGradient.AsSpan(0, width);
        if (!own.Touched) sums.Clear();
        for (int start = 0; start < rows.Length; start += width) TensorPrimitives.Add(sums, rows.Slice(start, width), sums);
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
        public int BiasChannels;

        /// <summary>Whether this chunk has processed a sequence in the current pass (its gradient sums are live).</summary>
        public bool Touched;

        public void Prepare(int columns, int kernel, int biasChannels)
        {
            if (Columns.Length < columns) Columns = Tensor.AllocateBuffer(columns);
            if (KernelGradient.Length < kernel) KernelGradient = Tensor.AllocateBuffer(kernel);
            if (BiasGradient.Length < biasChannels) BiasGradient = new float[biasChannels];
            BiasChannels = biasChannels;
        }
    }
}
