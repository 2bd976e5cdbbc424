namespace Autoencoders.Tensors;

/// <summary>NumPy broadcasting: shapes are aligned on their last dimension and a dimension of 1 stretches.</summary>
public static class Broadcasting
{
    /// <summary>The shape of <c>a ∘ b</c>, or an error naming both shapes when they do not broadcast.</summary>
    public static Shape ResultShape(Shape a, Shape b)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        Span<int> dims = stackalloc int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = DimensionFromEnd(a, rank - 1 - i), db = DimensionFromEnd(b, rank - 1 - i);
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"shapes {a} and {b} do not broadcast: dimension {i} is {da} versus {db}");
            dims[i] = da == 1 ? db : da; // not Max: a size-0 dimension must stay 0 against a 1
        }
        return new Shape(dims);
    }

    /// <summary>Strides (in elements) that read <paramref name="operand"/> at each index of <paramref name="result"/>,
    /// padded to rank 4: 0 along stretched dimensions.</summary>
    public static void Strides(Shape operand, Shape result, Span<int> strides)
    {
        strides[..Shape.MaxRank].Clear();
        int stride = 1;
        for (int i = 0; i < result.Rank; i++)
        {
            int axisFromEnd = i;
            int resultAxis = Shape.MaxRank - 1 - axisFromEnd;
            int dim = DimensionFromEnd(operand, axisFromEnd);
            strides[resultAxis] = dim == 1 ? 0 : stride;
            stride *= dim;
        }
    }

    /// <summary>The result's dimensions padded in front with ones to rank 4.</summary>
    public static void PaddedDimensions(Shape result, Span<int> dims)
    {
        for (int i = 0; i < Shape.MaxRank; i++)
            dims[Shape.MaxRank - 1 - i] = DimensionFromEnd(result, i);
    }

    private static int DimensionFromEnd(Shape shape, int axisFromEnd) =>
        axisFromEnd < shape.Rank ? shape[shape.Rank - 1 - axisFromEnd] : 1;
}
