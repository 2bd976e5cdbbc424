namespace Autoencoders.Tensors;

/// <summary>
/// The index map of one 2-D convolution, NCHW, with a <see cref="KernelHeight"/> × <see cref="KernelWidth"/> kernel,
/// a stride and a zero padding per axis (PyTorch's alignment: the padding is added before the first pixel, and as much
/// after the last as the positions reach): an image of <see cref="Channels"/> × <see cref="Height"/> × <see cref="Width"/>
/// is read through the window at every one of <see cref="OutputHeight"/> × <see cref="OutputWidth"/> positions, where
/// position (oy, ox) sees pixel (oy·sy − py + ky, ox·sx − px + kx).
/// <para>A convolution reads its input as the image and writes the positions; a transposed convolution is the
/// same map run backwards (its output is the image, its input the positions), which is why one geometry and one
/// pair of kernels (image to columns and back) serve both. A 1-D convolution over T steps is the 1 × k kernel on a
/// 1 × T image.</para>
/// </summary>
public readonly record struct ConvolutionGeometry(int Channels, int Height, int Width, int KernelHeight, int KernelWidth,
    int StrideHeight, int StrideWidth, int PaddingHeight, int PaddingWidth, int OutputHeight, int OutputWidth)
{
    /// <summary>Taps of one channel's window: kh · kw.</summary>
    public int KernelArea => KernelHeight * KernelWidth;

    /// <summary>Rows of the column matrix: C · kh · kw.</summary>
    public int ColumnRows => Channels * KernelArea;

    /// <summary>Columns of the column matrix: one per window position.</summary>
    public int Positions => OutputHeight * OutputWidth;

    public int ImageSize => Channels * Height * Width;

    /// <summary>A 1×1 kernel with stride 1 and no padding reads the image itself as its columns.</summary>
    public bool ColumnsAreImage => KernelArea == 1 && StrideHeight == 1 && StrideWidth == 1 && PaddingHeight == 0 && PaddingWidth == 0;

    /// <summary>The positions of a convolution over (C, H, W) with a square kernel, the same stride and padding on both axes.</summary>
    public static ConvolutionGeometry ForConvolution(int channels, int height, int width, int kernel, int stride, int padding) =>
        ForConvolution(channels, height, width, (kernel, kernel), (stride, stride), (padding, padding));

    /// <summary>The positions of a convolution over (C, H, W): ⌊(H + 2p − k) / s⌋ + 1 on each axis.</summary>
    public static ConvolutionGeometry ForConvolution(int channels, int height, int width, (int Height, int Width) kernel,
        (int Height, int Width) stride, (int Height, int Width) padding)
    {
        Validate(kernel, stride, padding);
        int outputHeight = OutputLength(height, kernel.Height, stride.Height, padding.Height);
        int outputWidth = OutputLength(width, kernel.Width, stride.Width, padding.Width);
        if (outputHeight <= 0 || outputWidth <= 0)
            throw new ArgumentException($"a {kernel.Height}×{kernel.Width} kernel with padding {Pair(padding)} does not fit a {height}×{width} image");
        return new ConvolutionGeometry(channels, height, width, kernel.Height, kernel.Width, stride.Height, stride.Width,
            padding.Height, padding.Width, outputHeight, outputWidth);
    }

    /// <summary>The transposed geometry with a square kernel, the same stride, padding and output padding on both axes.</summary>
    public static ConvolutionGeometry ForTransposed(int channels, int height, int width, int kernel, int stride, int padding, int outputPadding) =>
        ForTransposed(channels, height, width, (kernel, kernel), (stride, stride), (padding, padding), (outputPadding, outputPadding));

    /// <summary>The geometry of a transposed convolution from (H, W) positions to an image of <paramref name="channels"/>
    /// × ((H − 1)·s − 2p + k + output padding) on each axis, as PyTorch's ConvTranspose2d.</summary>
    public static ConvolutionGeometry ForTransposed(int channels, int height, int width, (int Height, int Width) kernel,
        (int Height, int Width) stride, (int Height, int Width) padding, (int Height, int Width) outputPadding)
    {
        Validate(kernel, stride, padding);
        ValidateOutputPadding(outputPadding.Height, stride.Height);
        ValidateOutputPadding(outputPadding.Width, stride.Width);
        int imageHeight = TransposedLength(height, kernel.Height, stride.Height, padding.Height, outputPadding.Height);
        int imageWidth = TransposedLength(width, kernel.Width, stride.Width, padding.Width, outputPadding.Width);
        if (imageHeight <= 0 || imageWidth <= 0)
            throw new ArgumentException($"a transposed {kernel.Height}×{kernel.Width} kernel with stride {Pair(stride)} and padding {Pair(padding)} gives an empty image from {height}×{width}");
        return new ConvolutionGeometry(channels, imageHeight, imageWidth, kernel.Height, kernel.Width, stride.Height, stride.Width,
            padding.Height, padding.Width, height, width);
    }

    public static int OutputLength(int length, int kernel, int stride, int padding) =>
        length + 2 * padding < kernel ? 0 : (length + 2 * padding - kernel) / stride + 1;

    public static int TransposedLength(int length, int kernel, int stride, int padding, int outputPadding) =>
        (length - 1) * stride - 2 * padding + kernel + outputPadding;

    private static void Validate((int Height, int Width) kernel, (int Height, int Width) stride, (int Height, int Width) padding)
    {
        if (kernel.Height <= 0 || kernel.Width <= 0) throw new ArgumentException($"expected a positive kernel size, received {kernel.Height}×{kernel.Width}");
        if (stride.Height <= 0 || stride.Width <= 0) throw new ArgumentException($"expected a positive stride, received {stride.Height}×{stride.Width}");
        if (padding.Height < 0 || padding.Width < 0) throw new ArgumentException($"expected a non-negative padding, received {padding.Height}×{padding.Width}");
    }

    /// <summary>"2" for a square setting, "1×2" for a rectangular one (as the error messages write them).</summary>
    private static string Pair((int Height, int Width) value) => value.Height == value.Width ? $"{value.Height}" : $"{value.Height}×{value.Width}";

    private static void ValidateOutputPadding(int outputPadding, int stride)
    {
        if (outputPadding < 0 || outputPadding >= stride)
            throw new ArgumentException($"expected an output padding in [0, {stride}) for stride {stride}, received {outputPadding}");
    }
}
