namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>A row-major matrix written transposed, for the kernels that compute a product the other way round (a
/// narrow GEMM as Cᵀ, a convolution's kernel gradient by tap) and must hand it back in the caller's layout.</summary>
internal static class MatrixTranspose
{
    /// <summary>destination[c · leadingDimension + r] (+)= source[r · columns + c] for the (rows, columns) matrix in
    /// <paramref name="source"/>. Written row by row of the destination, so that its stores are contiguous.</summary>
    public static void Into(ReadOnlySpan<float> source, int rows, int columns, Span<float> destination, int leadingDimension, bool accumulate)
    {
        for (int c = 0; c < columns; c++)
        {
            Span<float> row = destination.Slice(c * leadingDimension, rows);
            if (accumulate)
                for (int r = 0; r < rows; r++) row[r] += source[r * columns + c];
            else
                for (int r = 0; r < rows; r++) row[r] = source[r * columns + c];
        }
    }
}
