namespace Autoencoders.Tensors.Autodiff;

// Matrix products. Shapes: B = batch, I = inputs, O = outputs; tensors of higher rank are seen as
// (first dimension, product of the rest), so a batch of images feeds a dense layer unflattened.
public sealed partial class Graph
{
    /// <summary>op(a) · op(b) for 2-D views of a and b.</summary>
    public Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false)
    {
        int m = transposeA ? a.Columns : a.Rows, n = transposeB ? b.Rows : b.Columns;
        Tensor y = NewTensor(new Shape(m, n));
        Backend.MatMul(a, transposeA, b, transposeB, y, 1f, 0f);
        if (Tracks(a, b))
            Record(y, new TapeEntry { Op = OpCode.MatMul, A = a, B = b, TransposeA = transposeA, TransposeB = transposeB });
        return y;
    }

    // C = op(A)·op(B): dA = dC·op(B)ᵀ (transposed back when A was), dB = op(A)ᵀ·dC (likewise).
    private void MatMulBackward(ref TapeEntry e)
    {
        Tensor a = e.A, b = e.B!, dc = GradOfOutput(e);
        if (GradientOf(a, out bool accumulateA) is { } da)
        {
            if (!e.TransposeA) Backend.MatMul(dc, false, b, !e.TransposeB, da, 1f, accumulateA ? 1f : 0f);
            else Backend.MatMul(b, e.TransposeB, dc, true, da, 1f, accumulateA ? 1f : 0f);
        }
        if (GradientOf(b, out bool accumulateB) is { } db)
        {
            if (!e.TransposeB) Backend.MatMul(a, !e.TransposeA, dc, false, db, 1f, accumulateB ? 1f : 0f);
            else Backend.MatMul(dc, true, a, e.TransposeA, db, 1f, accumulateB ? 1f : 0f);
        }
    }

    /// <summary>The dense layer's affine map, fused: y = x · W + b, with x (B, I), W (I, O), b (O) → y (B, O).
    /// The bias is written first and the GEMM adds onto it, saving a pass over y.</summary>
    public Tensor Linear(Tensor x, Tensor weights, Tensor? bias)
    {
        if (x.Columns != weights.Rows)
            throw new ArgumentException($"expected inputs with {weights.Rows} features per sample for weights {weights.Shape}, received {x.Shape}");
        if (bias is not null && bias.Length != weights.Columns)
            throw new ArgumentException($"expected a bias of {weights.Columns} values, received {bias.Shape}");
        Tensor y = NewTensor(new Shape(x.Rows, weights.Columns));
        if (bias is not null) Backend.BroadcastRows(bias, y);
        Backend.MatMul(x, false, weights, false, y, 1f, bias is null ? 0f : 1f);
        if (Tracks(x, weights, bias))
            Record(y, new TapeEntry { Op = OpCode.Linear, A = x, B = weights, C = bias });
        return y;
    }

    // dx = dy · Wᵀ (B, I); dW = xᵀ · dy (I, O); db = Σ_batch dy (O).
    private void LinearBackward(ref TapeEntry e)
    {
        Tensor x = e.A, w = e.B!, dy = GradOfOutput(e);
        if (GradientOf(x, out bool accumulateX) is { } dx)
            Backend.MatMul(dy, false, w, true, dx, 1f, accumulateX ? 1f : 0f);
        if (GradientOf(w, out bool accumulateW) is { } dw)
            Backend.MatMul(x, true, dy, false, dw, 1f, accumulateW ? 1f : 0f);
        if (e.C is not null && GradientOf(e.C, out bool accumulateB) is { } db)
            Backend.SumRows(dy, db, accumulateB);
    }
}
