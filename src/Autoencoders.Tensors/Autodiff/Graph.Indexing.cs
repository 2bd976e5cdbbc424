namespace Autoencoders.Tensors.Autodiff;

// Embedding lookups and slices: ops that pick parts of a tensor and route gradients back to where they came from.
public sealed partial class Graph
{
    /// <summary>Rows of <paramref name="table"/> (V, D) picked by token ids (…) given as float32 integers in [0, V):
    /// (N, T) ids give (N, T, D), as nn.Embedding and Keras's Embedding. The gradient is a scatter-add into the table.</summary>
    public Tensor Gather(Tensor table, Tensor ids)
    {
        if (table.Shape.Rank != 2)
            throw new ArgumentException($"expected a table (V, D), received {table.Shape}");
        if (ids.Shape.Rank >= Shape.MaxRank)
            throw new ArgumentException($"expected ids of rank below {Shape.MaxRank}, received {ids.Shape}");
        IntegerIds.RequireTokens(ids, table.Rows);
        Span<int> dims = stackalloc int[ids.Shape.Rank + 1];
        ids.Shape.CopyTo(dims);
        dims[^1] = table.Columns;
        Tensor output = NewTensor(new Shape(dims)); // (…, D)
        Backend.Gather(table, ids, output);
        if (Tracks(table))
            Record(output, new TapeEntry { Op = OpCode.Gather, A = table, B = ids });
        return output;
    }

    private void GatherBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is { } dTable)
            Backend.GatherBackward(e.B!, GradOfOutput(e), dTable, accumulate);
    }

    /// <summary>x[…, start : start + length, …] along <paramref name="axis"/> (the batch axis is 0, and cannot be
    /// sliced; a negative axis counts from the end, as Keras's axis=−1): a copy.</summary>
    public Tensor Slice(Tensor x, int axis, int start, int length)
    {
        int along = NonBatchAxis(x.Shape, axis);
        int size = x.Shape[along];
        if (start < 0 || length < 0 || start + length > size)
            throw new ArgumentException($"expected a window within the {size} entries of axis {axis} of {x.Shape}, received start {start} and length {length}");
        Tensor y = NewTensor(WithDimension(x.Shape, along, length));
        Backend.CopyAlongAxis(x, start, y, 0, along, length, accumulate: false);
        if (Tracks(x))
            Record(y, new TapeEntry { Op = OpCode.Slice, A = x, Axis = along, Start = start });
        return y;
    }

    private void SliceBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is not { } dx)
            return;
        if (!accumulate)
            Backend.Fill(dx, 0f); // the first write covers the whole operand: outside the window its gradient is zero
        Backend.CopyAlongAxis(GradOfOutput(e), 0, dx, e.Start, e.Axis, e.Output.Shape[e.Axis], accumulate: true);
    }

    /// <summary>The axis index in [1, rank) that <paramref name="axis"/> names (negative counts from the end).</summary>
    private static int NonBatchAxis(Shape shape, int axis)
    {
        int along = axis < 0 ? shape.Rank + axis : axis;
        if (along < 1 || along >= shape.Rank)
            throw new ArgumentException($"expected an axis from 1 to {shape.Rank - 1} (or from −{shape.Rank - 1} to −1) of {shape}, received {axis}" +
                (along == 0 ? ": axis 0 is the batch" : ""));
        return along;
    }

    private static Shape WithDimension(Shape shape, int axis, int size)
    {
        Span<int> dims = stackalloc int[shape.Rank];
        shape.CopyTo(dims);
        dims[axis] = size;
        return new Shape(dims);
    }
}
