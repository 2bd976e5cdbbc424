namespace Autoencoders.Tensors.Autodiff;

// Resampling and pooling of sequences (N, T, C), channels last: max pooling down, repetition up, and the global
// mean and maximum over time, which skip the steps a mask (N, T) of 1/0 marks as padding.
public sealed partial class Graph
{
    /// <summary>The maximum of each <paramref name="pool"/>-step window, windows <paramref name="stride"/> apart, no padding:
    /// (N, T, C) → (N, ⌊(T − pool) / s⌋ + 1, C).</summary>
    public Tensor MaxPool1D(Tensor x, int pool, int stride)
    {
        if (x.Shape.Rank != 3) throw new ArgumentException($"expected sequences (N, T, C), received {x.Shape}");
        if (pool <= 0 || stride <= 0) throw new ArgumentException($"expected a positive pool size and stride, received {pool} and {stride}");
        if (x.Shape[1] < pool) throw new ArgumentException($"a pool of {pool} steps does not fit sequences of {x.Shape[1]}");
        Tensor y = NewTensor(new Shape(x.Shape[0], (x.Shape[1] - pool) / stride + 1, x.Shape[2]));
        Backend.MaxPool1D(x, y, pool, stride);
        if (Tracks(x))
            Record(y, new TapeEntry { Op = OpCode.MaxPool1D, A = x, Integer = pool, Scalar = stride });
        return y;
    }

    private void MaxPool1DBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is { } dx)
            Backend.MaxPool1DBackward(e.A, GradOfOutput(e), dx, e.Integer, (int)e.Scalar, accumulate);
    }

    /// <summary>Each step repeated f times: (N, T, C) → (N, T·f, C), as Keras's UpSampling1D.</summary>
    public Tensor UpSample1D(Tensor x, int factor)
    {
        if (x.Shape.Rank != 3) throw new ArgumentException($"expected sequences (N, T, C), received {x.Shape}");
        if (factor <= 0) throw new ArgumentException($"expected a positive upsampling factor, received {factor}");
        Tensor y = NewTensor(new Shape(x.Shape[0], x.Shape[1] * factor, x.Shape[2]));
        Backend.UpSample1D(x, y, factor);
        if (Tracks(x))
            Record(y, new TapeEntry { Op = OpCode.UpSample1D, A = x, Integer = factor });
        return y;
    }

    private void UpSample1DBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is { } dx)
            Backend.UpSample1DBackward(GradOfOutput(e), dx, e.Integer, accumulate);
    }

    /// <summary>y (N, C) = the mean over time of x (N, T, C), over the steps where <paramref name="mask"/> (N, T) is 1
    /// (all steps without one); 0 for a sequence with every step masked.</summary>
    public Tensor GlobalAveragePool1D(Tensor x, Tensor? mask = null)
    {
        Tensor y = NewGlobalPool(x);
        Backend.GlobalAveragePool1D(x, mask, y);
        if (Tracks(x))
            Record(y, new TapeEntry { Op = OpCode.GlobalAveragePool1D, A = x, B = mask });
        return y;
    }

    private void GlobalAveragePool1DBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is { } dx)
            Backend.GlobalAveragePool1DBackward(e.B, GradOfOutput(e), dx, accumulate);
    }

    /// <summary>y (N, C) = the maximum over time of x (N, T, C), over the steps where <paramref name="mask"/> (N, T) is 1;
    /// 0 for a sequence with every step masked.</summary>
    public Tensor GlobalMaxPool1D(Tensor x, Tensor? mask = null)
    {
        Tensor y = NewGlobalPool(x);
        Backend.GlobalMaxPool1D(x, mask, y);
        if (Tracks(x))
            Record(y, new TapeEntry { Op = OpCode.GlobalMaxPool1D, A = x, B = mask });
        return y;
    }

    private void GlobalMaxPool1DBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is { } dx)
            Backend.GlobalMaxPool1DBackward(e.A, e.B, GradOfOutput(e), dx, accumulate);
    }

    private Tensor NewGlobalPool(Tensor x)
    {
        if (x.Shape.Rank != 3) throw new ArgumentException($"expected sequences (N, T, C), received {x.Shape}");
        return NewTensor(new Shape(x.Shape[0], x.Shape[2]));
    }
}
