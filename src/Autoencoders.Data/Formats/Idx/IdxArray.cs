namespace Autoencoders.Data;

/// <summary>An unsigned-byte array read from an IDX file (the MNIST format): its dimensions and row-major data.</summary>
/// <remarks>Images are <c>[count, rows, columns]</c>; labels are <c>[count]</c>.</remarks>
public sealed class IdxArray
{
    /// <summary>Wraps <paramref name="data"/>, whose length must equal the product of <paramref name="dimensions"/>.</summary>
    public IdxArray(int[] dimensions, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(data);
        if (dimensions.Length is 0 or > byte.MaxValue)
        {
            throw new ArgumentException($"an IDX array has 1 to 255 dimensions, received {dimensions.Length}", nameof(dimensions));
        }

        long product = 1;
        foreach (int dimension in dimensions)
        {
            if (dimension <= 0)
            {
                throw new ArgumentException($"IDX dimensions must be positive, received {DataErrors.Shape(dimensions.Select(d => (long)d))}", nameof(dimensions));
            }
            product = checked(product * dimension);
        }
        if (product != data.Length)
        {
            throw new ArgumentException($"dimensions {DataErrors.Shape(dimensions.Select(d => (long)d))} need {product} bytes, received {data.Length}", nameof(data));
        }

        Dimensions = dimensions;
        Data = data;
    }

    /// <summary>Sizes from outermost to innermost, e.g. <c>[60000, 28, 28]</c>.</summary>
    public int[] Dimensions { get; }

    /// <summary>The elements in row-major order.</summary>
    public byte[] Data { get; }

    /// <summary>The outermost size: the number of images or labels.</summary>
    public int Count => Dimensions[0];
}
