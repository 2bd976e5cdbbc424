using System.Numerics.Tensors;

namespace Autoencoders.Tensors.Backends.Cpu;

public sealed partial class CpuBackend
{
    public void Binary(BinaryOp op, Tensor a, Tensor b, Tensor c)
    {
        if (a.Length == c.Length && b.Length == c.Length)
        {
            SameShape(op, a.Span, b.Span, c.Span);
            return;
        }
        if (b.Length == 1 && a.Length == c.Length)
        {
            float s = b.Span[0];
            switch (op)
            {
                case BinaryOp.Add: TensorPrimitives.Add(a.Span, s, c.Span); break;
                case BinaryOp.Subtract: TensorPrimitives.Subtract(a.Span, s, c.Span); break;
                case BinaryOp.Multiply: TensorPrimitives.Multiply(a.Span, s, c.Span); break;
                default: TensorPrimitives.Divide(a.Span, s, c.Span); break;
            }
            return;
        }
        BroadcastBinary(op, a, b, c);
    }

    // Apart from Binary, because a method with a lambda allocates its closure on entry, whichever path runs:
    // the common same-shape step would allocate for the rare broadcast one.
    private static void BroadcastBinary(BinaryOp op, Tensor a, Tensor b, Tensor c) =>
        Broadcast(a, b, c, (index, ia, ib) => c.Span[index] = Apply(op, a.Span[ia], b.Span[ib]));

    public void BinaryBackward(BinaryOp op, Tensor a, Tensor b, Tensor dc, Tensor? da, bool accumulateA, Tensor? db, bool accumulateB)
    {
        if (a.Length == dc.Length && b.Length == dc.Length)
        {
            SameShapeBackward(op, a.Span, b.Span, dc.Span, da, accumulateA, db, accumulateB);
            return;
        }
        BroadcastBinaryBackward(op, a, b, dc, da, accumulateA, db, accumulateB);
    }

    // Broadcast operands: every output element adds its share into the operand element it read.
    private static void BroadcastBinaryBackward(BinaryOp op, Tensor a, Tensor b, Tensor dc, Tensor? da, bool accumulateA, Tensor? db, bool accumulateB)
    {
        if (da is not null && !accumulateA) da.Span.Clear();
        if (db is not null && !accumulateB) db.Span.Clear();
        Broadcast(a, b, dc, (index, ia, ib) =>
        {
            float g = dc.Span[index], x = a.Span[ia], y = b.Span[ib];
            if (da is not null) da.Span[ia] += op switch { BinaryOp.Multiply => g * y, BinaryOp.Divide => g / y, _ => g };
            if (db is not null) db.Span[ib] += op switch { BinaryOp.Add => g, BinaryOp.Subtract => -g, BinaryOp.Multiply => g * x, _ => -g * x / (y * y) };
        });
    }

    private static float Apply(BinaryOp op, float x, float y) => op switch
    {
        BinaryOp.Add => x + y,
        BinaryOp.Subtract => x - y,
        BinaryOp.Multiply => x * y,
        _ => x / y,
    };

    private static void SameShape(BinaryOp op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(a, b, c); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(a, b, c); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(a, b, c); break;
            default: TensorPrimitives.Divide(a, b, c); break;
        }
    }

    // Vectorised per operand (this is dropout's backward, a mask multiply over every activation); division, rare, stays scalar.
    private static void SameShapeBackward(BinaryOp op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> dc,
        Tensor? da, bool accumulateA, Tensor? db, bool accumulateB)
    {
        if (op == BinaryOp.Divide)
        {
            DivideBackward(a, b, dc, da, accumulateA, db, accumulateB);
            return;
        }
        if (da is not null)
        {
            Span<float> gradient = da.Span;
            if (op == BinaryOp.Multiply)
            {
                if (accumulateA) TensorPrimitives.MultiplyAdd(dc, b, gradient, gradient);
                else TensorPrimitives.Multiply(dc, b, gradient);
            }
            else if (accumulateA) TensorPrimitives.Add(gradient, dc, gradient);
            else dc.CopyTo(gradient);
        }
        if (db is not null)
        {
            Span<float> gradient = db.Span;
            switch (op)
            {
                case BinaryOp.Multiply when accumulateB: TensorPrimitives.MultiplyAdd(dc, a, gradient, gradient); break;
                case BinaryOp.Multiply: TensorPrimitives.Multiply(dc, a, gradient); break;
                case BinaryOp.Add when accumulateB: TensorPrimitives.Add(gradient, dc, gradient); break;
                case BinaryOp.Add: dc.CopyTo(gradient); break;
                case BinaryOp.Subtract when accumulateB: TensorPrimitives.Subtract(gradient, dc, gradient); break;
                default: TensorPrimitives.Negate(dc, gradient); break;
            }
        }
    }

    private static void DivideBackward(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> dc,
        Tensor? da, bool accumulateA, Tensor? db, bool accumulateB)
    {
        Span<float> gradientA = da is null ? default : da.Span, gradientB = db is null ? default : db.Span;
        for (int i = 0; i < dc.Length; i++)
        {
            float g = dc[i];
            if (da is not null) gradientA[i] = accumulateA ? gradientA[i] + g / b[i] : g / b[i];
            if (db is not null)
            {
                float value = -g * a[i] / (b[i] * b[i]);
                gradientB[i] = accumulateB ? gradientB[i] + value : value;
            }
        }
    }

    // Visits every element of c's shape with the flat indices of a and b that it reads.
    private static void Broadcast(Tensor a, Tensor b, Tensor c, Action<int, int, int> visit)
    {
        Span<int> dims = stackalloc int[Shape.MaxRank], sa = stackalloc int[Shape.MaxRank], sb = stackalloc int[Shape.MaxRank];
        Broadcasting.PaddedDimensions(c.Shape, dims);
        Broadcasting.Strides(a.Shape, c.Shape, sa);
        Broadcasting.Strides(b.Shape, c.Shape, sb);
        int index = 0;
        for (int i0 = 0; i0 < dims[0]; i0++)
            for (int i1 = 0; i1 < dims[1]; i1++)
                for (int i2 = 0; i2 < dims[2]; i2++)
                    for (int i3 = 0; i3 < dims[3]; i3++, index++)
                        visit(index, i0 * sa[0] + i1 * sa[1] + i2 * sa[2] + i3 * sa[3], i0 * sb[0] + i1 * sb[1] + i2 * sb[2] + i3 * sb[3]);
    }
}
