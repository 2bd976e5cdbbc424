using Autoencoders.Tensors.Backends;

namespace Autoencoders.Tensors.Autodiff;

// Elementwise ops: broadcasting arithmetic, affine maps, activations, reshape and softmax.
public sealed partial class Graph
{
    public Tensor Add(Tensor a, Tensor b) => Binary(BinaryOp.Add, a, b);

    public Tensor Subtract(Tensor a, Tensor b) => Binary(BinaryOp.Subtract, a, b);

    public Tensor Multiply(Tensor a, Tensor b) => Binary(BinaryOp.Multiply, a, b);

    public Tensor Divide(Tensor a, Tensor b) => Binary(BinaryOp.Divide, a, b);

    private Tensor Binary(BinaryOp op, Tensor a, Tensor b)
    {
        Tensor c = NewTensor(Broadcasting.ResultShape(a.Shape, b.Shape));
        Backend.Binary(op, a, b, c);
        if (Tracks(a, b))
            Record(c, new TapeEntry { Op = OpCode.Binary, Binary = op, A = a, B = b });
        return c;
    }

    private void BinaryBackward(ref TapeEntry e)
    {
        Tensor? da = GradientOf(e.A, out bool accumulateA);
        Tensor? db = GradientOf(e.B!, out bool accumulateB);
        Backend.BinaryBackward(e.Binary, e.A, e.B!, GradOfOutput(e), da, accumulateA, db, accumulateB);
    }

    /// <summary>scale · x + shift.</summary>
    public Tensor Affine(Tensor x, float scale, float shift)
    {
        Tensor y = NewTensor(x.Shape);
        Backend.Affine(x, scale, shift, y);
        if (Tracks(x))
            Record(y, new TapeEntry { Op = OpCode.Affine, A = x, Scalar = scale });
        return y;
    }

    public Tensor Scale(Tensor x, float scale) => Affine(x, scale, 0f);

    private void AffineBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is { } dx)
            Backend.ScaleBackward(GradOfOutput(e), e.Scalar, dx, accumulate);
    }

    public Tensor Relu(Tensor x) => Unary(UnaryOp.Relu, x);

    /// <summary>x where x &gt; 0, slope · x elsewhere.</summary>
    public Tensor LeakyRelu(Tensor x, float slope = 0.01f) => Unary(UnaryOp.LeakyRelu, x, slope);

    public Tensor Sigmoid(Tensor x)
    {
        Tensor y = Unary(UnaryOp.Sigmoid, x);
        y.SigmoidInput = x;
        return y;
    }

    public Tensor Tanh(Tensor x) => Unary(UnaryOp.Tanh, x);

    public Tensor Exp(Tensor x) => Unary(UnaryOp.Exp, x);

    public Tensor Log(Tensor x) => Unary(UnaryOp.Log, x);

    /// <summary>log(1 + eˣ), computed without overflow.</summary>
    public Tensor Softplus(Tensor x) => Unary(UnaryOp.Softplus, x);

    public Tensor Sqrt(Tensor x) => Unary(UnaryOp.Sqrt, x);

    public Tensor Square(Tensor x) => Unary(UnaryOp.Square, x);

    public Tensor Abs(Tensor x) => Unary(UnaryOp.Abs, x);

    private Tensor Unary(UnaryOp op, Tensor x, float parameter = 0f)
    {
        Tensor y = NewTensor(x.Shape);
        Backend.Unary(op, x, y, parameter);
        if (Tracks(x))
            Record(y, new TapeEntry { Op = OpCode.Unary, Unary = op, A = x, Scalar = parameter });
        return y;
    }

    private void UnaryBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is { } dx)
            Backend.UnaryBackward(e.Unary, e.A, e.Output, GradOfOutput(e), dx, e.Scalar, accumulate);
    }

    /// <summary>Softmax over the last dimension.</summary>
    public Tensor Softmax(Tensor x)
    {
        Tensor y = NewTensor(x.Shape);
        Backend.Softmax(x, y);
        if (Tracks(x))
            Record(y, new TapeEntry { Op = OpCode.Softmax, A = x });
        y.SoftmaxInput = x;
        return y;
    }

    private void SoftmaxBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is { } dx)
            Backend.SoftmaxBackward(e.Output, GradOfOutput(e), dx, accumulate);
    }

    /// <summary>The same data under another shape with the same element count; no copy.</summary>
    public Tensor Reshape(Tensor x, Shape shape)
    {
        if (views.Count == viewCursor)
            views.Add(new Tensor(Shape.Scalar));
        Tensor y = views[viewCursor++];
        y.ViewOf(x, shape);
        if (Tracks(x))
            Record(y, new TapeEntry { Op = OpCode.Reshape, A = x });
        return y;
    }

    private void ReshapeBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is { } dx)
            Backend.ScaleBackward(GradOfOutput(e), 1f, dx, accumulate);
    }
}
