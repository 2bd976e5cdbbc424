namespace Autoencoders.Tensors;

/// <summary>
/// The index map of one 2-D convolution, NCHW, square kernel, equal stride and zero padding on both axes
/// (PyTorch's alignment): an image of <see cref="Channels"/> × <see cref="Height"/> × <see cref="Width"/> is read
/// through a <see cref="Kernel"/> × <see cref="Kernel"/> window at every one of <see cref="OutputHeight"/> ×
/// <see cref="OutputWidth"/> positions, where position (oy, ox) sees pixel (oy·s − p + ky, ox·s − p + kx).
/// <para>A convolution reads its input as the image and writes the positions; a transposed convolution is the
/// same map run backwards (its output is the image, its input the positions), which is why one geometry and one
/// pair of kernels (image to columns and back) serve both.</para>
/// </summary>
public readonly record struct ConvolutionGeometry(int Channels, int Height, int Width, int Kernel, int Stride, int Padding, int OutputHeight, int OutputWidth)
{
    /// <summary>Rows of the column matrix: C · k · k.</summary>
    public int ColumnRows => Channels * Kernel * Kernel;

    /// <summary>Columns of the column matrix: one per window position.</summary>
    public int Positions => OutputHeight * OutputWidth;

    public int ImageSize => Channels * Height * Width;

    /// <summary>A 1×1 kernel with stride 1 and no padding reads the image itself as its columns.</summary>
    public bool ColumnsAreImage => Kernel == 1 && Stride == 1 && Padding == 0;

    /// <summary>The positions of a convolution over (C, H, W): ⌊(H + 2p − k) / s⌋ + 1 on each axis.</summary>
    public static ConvolutionGeometry ForConvolution(int channels, int height, int width, int kernel, int stride, int padding)
    {
        Validate(kernel, stride, padding);
        int outputHeight = OutputLength(height, kernel, stride, padding), outputWidth = OutputLength(width, kernel, stride, padding);
        if (outputHeight <= 0 || outputWidth <= 0)
            throw new ArgumentException($"a {kernel}×{kernel} kernel with padding {padding} does not fit a {height}×{width} image");
        return new ConvolutionGeometry(channels, height, width, kernel, stride, padding, outputHeight, outputWidth);
    }

    /// <summary>The geometry of a transposed convolution from (H, W) positions to an image of <paramref name="channels"/>
    /// × ((H − 1)·s − 2p + k + output padding) on each axis, as PyTorch's ConvTranspose2d.</summary>
    public static ConvolutionGeometry ForTransposed(int channels, int height, int width, int kernel, int stride, int padding, int outputPadding)
    {
        Validate(kernel, stride, padding);
        if (outputPadding < 0 || outputPadding >= stride)
            throw new ArgumentException($"expected an output padding in [0, {stride}) for stride {stride}, received {outputPadding}");
        int imageHeight = TransposedLength(height, kernel, stride, padding, outputPadding);
        int imageWidth = TransposedLength(width, kernel, stride, padding, outputPadding);
        if (imageHeight <= 0 || imageWidth <= 0)
            throw new ArgumentException($"a transposed {kernel}×{kernel} kernel with stride {stride} and padding {padding} gives an empty image from {height}×{width}");
        return new ConvolutionGeometry(channels, imageHeight, imageWidth, kernel, stride, padding, height, width);
    }

    public static int OutputLength(int length, int kernel, int stride, int padding) =>
        length + 2 * padding < kernel ? 0 : (length + 2 * padding - kernel) / stride + 1;

    public static int TransposedLength(int length, int kernel, int stride, int padding, int outputPadding) =>
        (length - 1) * stride - 2 * padding + kernel + outputPadding;

    private static void Validate(int kernel, int stride, int padding)
    {
        if (kernel <= 0) throw new ArgumentException($"expected a positive kernel size, received {kernel}");
        if (stride <= 0) throw new ArgumentException($"expected a positive stride, received {stride}");
        if (padding < 0) throw new ArgumentException($"expected a non-negative padding, received {padding}");
    }
}
