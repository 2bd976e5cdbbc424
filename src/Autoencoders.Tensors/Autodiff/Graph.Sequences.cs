namespace Autoencoders.Tensors.Autodiff;

// Ops on the time axis of batch-first sequences (N, T, F).
public sealed partial class Graph
{
    /// <summary>y (N, n, F…) = x (N, F…) repeated n times along a new time axis (Keras's RepeatVector); the gradient sums over the copies.</summary>
    public Tensor RepeatVector(Tensor x, int copies)
    {
        if (copies <= 0)
            throw new ArgumentException($"expected a positive number of copies, received {copies}");
        if (x.Shape.Rank < 1 || x.Shape.Rank >= Shape.MaxRank)
            throw new ArgumentException($"expected a batch of rank 1 to {Shape.MaxRank - 1}, received {x.Shape}");
        Span<int> dims = stackalloc int[x.Shape.Rank + 1];
        dims[0] = x.Shape[0];
        dims[1] = copies;
        for (int axis = 1; axis < x.Shape.Rank; axis++) dims[axis + 1] = x.Shape[axis];
        Tensor y = NewTensor(new Shape(dims));
        Backend.RepeatRows(x, y, copies);
        if (Tracks(x))
            Record(y, new TapeEntry { Op = OpCode.RepeatVector, A = x, Integer = copies });
        return y;
    }

    private void RepeatVectorBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is { } dx)
            Backend.RepeatRowsBackward(GradOfOutput(e), dx, e.Integer, accumulate);
    }
}
