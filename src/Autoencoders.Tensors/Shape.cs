namespace Autoencoders.Tensors;

/// <summary>
/// The dimensions of a tensor, up to rank 4 (batch, channels, height, width), held inline so that
/// reshaping a tensor never allocates. Row-major: the last dimension varies fastest.
/// </summary>
public readonly struct Shape : IEquatable<Shape>
{
    public const int MaxRank = 4;

    private readonly int d0, d1, d2, d3;

    public int Rank { get; }

    public Shape(params ReadOnlySpan<int> dimensions)
    {
        if (dimensions.Length > MaxRank)
            throw new ArgumentException($"expected a rank of at most {MaxRank}, received {dimensions.Length}");
        foreach (int d in dimensions)
            if (d < 0) throw new ArgumentException($"dimensions must be non-negative, received ({string.Join(", ", dimensions.ToArray())})");
        Rank = dimensions.Length;
        d0 = Rank > 0 ? dimensions[0] : 1;
        d1 = Rank > 1 ? dimensions[1] : 1;
        d2 = Rank > 2 ? dimensions[2] : 1;
        d3 = Rank > 3 ? dimensions[3] : 1;
        _ = checked(d0 * d1 * d2 * d3);
    }

    public static Shape Scalar => new(ReadOnlySpan<int>.Empty);

    public int this[int axis] => axis switch
    {
        _ when axis < 0 || axis >= Rank => throw new ArgumentOutOfRangeException(nameof(axis), $"axis {axis} is outside a rank-{Rank} shape"),
        0 => d0,
        1 => d1,
        2 => d2,
        _ => d3,
    };

    /// <summary>The number of elements; 1 for a scalar (also for <c>default(Shape)</c>, whose unused dimensions are 0).</summary>
    public int ElementCount => Rank == 0 ? 1 : d0 * d1 * d2 * d3;

    /// <summary>The first dimension: the batch, when the tensor holds one sample per row.</summary>
    public int Rows => Rank == 0 ? 1 : d0;

    /// <summary>The product of every dimension after the first: one sample's size.</summary>
    public int Columns => Rank <= 1 ? 1 : d1 * d2 * d3;

    /// <summary>This shape with its first dimension replaced (a batch of another size).</summary>
    public Shape WithRows(int rows)
    {
        Span<int> dims = stackalloc int[Rank];
        CopyTo(dims);
        dims[0] = rows;
        return new Shape(dims);
    }

    /// <summary>A shape with <paramref name="batch"/> in front of this per-sample shape.</summary>
    public Shape Prepend(int batch)
    {
        Span<int> dims = stackalloc int[Rank + 1];
        dims[0] = batch;
        CopyTo(dims[1..]);
        return new Shape(dims);
    }

    /// <summary>This shape without its first dimension (the per-sample shape of a batch).</summary>
    public Shape DropFirst()
    {
        Span<int> dims = stackalloc int[Rank];
        CopyTo(dims);
        return new Shape(dims[1..]);
    }

    public void CopyTo(Span<int> destination)
    {
        for (int i = 0; i < Rank; i++) destination[i] = this[i];
    }

    public int[] ToArray()
    {
        var dims = new int[Rank];
        CopyTo(dims);
        return dims;
    }

    public bool Equals(Shape other) =>
        Rank == other.Rank && d0 == other.d0 && d1 == other.d1 && d2 == other.d2 && d3 == other.d3;

    public override bool Equals(object? obj) => obj is Shape other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Rank, d0, d1, d2, d3);

    public static bool operator ==(Shape left, Shape right) => left.Equals(right);

    public static bool operator !=(Shape left, Shape right) => !left.Equals(right);

    /// <summary>Keras style: <c>(256, 784)</c>; a scalar is <c>()</c>.</summary>
    public override string ToString() => "(" + string.Join(", ", ToArray()) + ")";
}
