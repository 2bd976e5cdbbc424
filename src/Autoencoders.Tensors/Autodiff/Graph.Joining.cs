namespace Autoencoders.Tensors.Autodiff;

// Concatenation along a non-batch axis, as Keras's Concatenate and torch.cat. Each operand's part of the output is
// recorded as its own tape entry (ConcatenatePart), so any number of operands needs no list on the tape, and
// recording allocates nothing.
public sealed partial class Graph
{
    /// <summary>[a, b] joined along <paramref name="axis"/> (batch = 0; negative counts from the end).</summary>
    public Tensor Concatenate(Tensor a, Tensor b, int axis = -1) => Concatenate([a, b], axis);

    /// <summary>[a, b, c] joined along <paramref name="axis"/>.</summary>
    public Tensor Concatenate(Tensor a, Tensor b, Tensor c, int axis = -1) => Concatenate([a, b, c], axis);

    /// <summary>The operands joined along <paramref name="axis"/>; every other dimension must agree. A span, so that a
    /// collection expression (<c>Concatenate([a, b, c], 1)</c>) or a reused list's span costs no array per call.</summary>
    public Tensor Concatenate(ReadOnlySpan<Tensor> operands, int axis = -1)
    {
        if (operands.Length == 0)
            throw new ArgumentException("expected at least one tensor to concatenate, received none");
        Shape first = operands[0].Shape;
        int along = NonBatchAxis(first, axis), total = 0;
        for (int i = 0; i < operands.Length; i++) total += JoinedSize(first, operands[i].Shape, along, i);
        Tensor y = NewTensor(WithDimension(first, along, total));
        for (int i = 0, start = 0; i < operands.Length; start += operands[i].Shape[along], i++)
            Join(operands[i], y, along, start);
        return y;
    }

    // Operand i's size along the axis, after checking that it agrees with the first elsewhere.
    private static int JoinedSize(Shape first, Shape shape, int axis, int index)
    {
        bool fits = shape.Rank == first.Rank;
        for (int d = 0; fits && d < shape.Rank; d++) fits = d == axis || shape[d] == first[d];
        if (!fits)
            throw new ArgumentException($"expected tensor {index} to match {first} except along axis {axis}, received {shape}");
        return shape[axis];
    }

    private void Join(Tensor operand, Tensor y, int axis, int start)
    {
        Backend.CopyAlongAxis(operand, 0, y, start, axis, operand.Shape[axis], accumulate: false);
        if (Tracks(operand))
            Record(y, new TapeEntry { Op = OpCode.ConcatenatePart, A = operand, Axis = axis, Start = start });
    }

    private void ConcatenatePartBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is { } da)
            Backend.CopyAlongAxis(GradOfOutput(e), e.Start, da, 0, e.Axis, e.A.Shape[e.Axis], accumulate);
    }
}
