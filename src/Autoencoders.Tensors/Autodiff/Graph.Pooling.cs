namespace Autoencoders.Tensors.Autodiff;

// Resampling of NCHW images: max pooling down, nearest-neighbour upsampling up.
public sealed partial class Graph
{
    /// <summary>The maximum of each <paramref name="pool"/> × <paramref name="pool"/> window, windows
    /// <paramref name="stride"/> apart, no padding: (N, C, H, W) → (N, C, ⌊(H − pool) / s⌋ + 1, …).</summary>
    public Tensor MaxPool2D(Tensor x, int pool, int stride)
    {
        if (x.Shape.Rank != 4) throw new ArgumentException($"expected images (N, C, H, W), received {x.Shape}");
        if (pool <= 0 || stride <= 0) throw new ArgumentException($"expected a positive pool size and stride, received {pool} and {stride}");
        if (x.Shape[2] < pool || x.Shape[3] < pool)
            throw new ArgumentException($"a {pool}×{pool} pool does not fit {x.Shape[2]}×{x.Shape[3]} images");
        Tensor y = NewTensor(new Shape(x.Shape[0], x.Shape[1], (x.Shape[2] - pool) / stride + 1, (x.Shape[3] - pool) / stride + 1));
        Backend.MaxPool2D(x, y, pool, stride);
        if (Tracks(x))
            Record(y, new TapeEntry { Op = OpCode.MaxPool2D, A = x, Integer = pool, Scalar = stride });
        return y;
    }

    private void MaxPool2DBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is { } dx)
            Backend.MaxPool2DBackward(e.A, GradOfOutput(e), dx, e.Integer, (int)e.Scalar, accumulate);
    }

    /// <summary>Nearest-neighbour upsampling: (N, C, H, W) → (N, C, H·f, W·f), each pixel repeated f × f.</summary>
    public Tensor UpSample2D(Tensor x, int factor)
    {
        if (x.Shape.Rank != 4) throw new ArgumentException($"expected images (N, C, H, W), received {x.Shape}");
        if (factor <= 0) throw new ArgumentException($"expected a positive upsampling factor, received {factor}");
        Tensor y = NewTensor(new Shape(x.Shape[0], x.Shape[1], x.Shape[2] * factor, x.Shape[3] * factor));
        Backend.UpSample2D(x, y, factor);
        if (Tracks(x))
            Record(y, new TapeEntry { Op = OpCode.UpSample2D, A = x, Integer = factor });
        return y;
    }

    private void UpSample2DBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is { } dx)
            Backend.UpSample2DBackward(GradOfOutput(e), dx, e.Integer, accumulate);
    }
}
