using System.Numerics.Tensors;

namespace Autoencoders.Tensors.Backends.Cpu;

// RepeatVector's copies along the time axis; memory-bound and small (N·T·F), so on the calling thread.
public sealed partial class CpuBackend
{
    public void RepeatRows(Tensor x, Tensor y, int copies)
    {
        if (y.Length != x.Length * copies)
            throw new ArgumentException($"expected {copies} copies of {x.Shape}, received {y.Shape}");
        int rows = x.Rows, width = x.Columns;
        ReadOnlySpan<float> source = x.Span;
        Span<float> destination = y.Span;
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<float> row = source.Slice(n * width, width);
            for (int copy = 0; copy < copies; copy++) row.CopyTo(destination.Slice((n * copies + copy) * width, width));
        }
    }

    public void RepeatRowsBackward(Tensor dy, Tensor dx, int copies, bool accumulate)
    {
        if (dy.Length != dx.Length * copies)
            throw new ArgumentException($"expected the gradient of {copies} copies of {dx.Shape}, received {dy.Shape}");
        int rows = dx.Rows, width = dx.Columns;
        ReadOnlySpan<float> upstream = dy.Span;
        Span<float> gradient = dx.Span;
        for (int n = 0; n < rows; n++)
        {
            Span<float> sum = gradient.Slice(n * width, width);
            int first = n * copies * width;
            if (accumulate) TensorPrimitives.Add(sum, upstream.Slice(first, width), sum);
            else upstream.Slice(first, width).CopyTo(sum);
            for (int copy = 1; copy < copies; copy++) TensorPrimitives.Add(sum, upstream.Slice(first + copy * width, width), sum);
        }
    }
}
