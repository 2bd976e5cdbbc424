using System.Numerics.Tensors;

namespace Autoencoders.Tensors.Backends.Cpu;

public sealed unsafe partial class CpuBackend
{
    public void Unary(UnaryOp op, Tensor x, Tensor y, float parameter)
    {
        RequireSameLength(x, y);
        (CurrentJob.Unary, CurrentJob.A, CurrentJob.B, CurrentJob.Scalar0) = (op, x, y, parameter);
        ForRanges(x.Length, &UnaryRange);
    }

    private static void UnaryRange(RangeJob job, int start, int end, int part)
    {
        ReadOnlySpan<float> input = job.A!.Span[start..end];
        Span<float> output = job.B!.Span[start..end];
        float parameter = job.Scalar0;
        UnaryOp op = job.Unary;
        switch (op)
        {
            case UnaryOp.Relu: TensorPrimitives.Max(input, 0f, output); break;
            case UnaryOp.LeakyRelu: Elementwise.Map(new LeakyRelu(parameter), input, output); break;
            case UnaryOp.Sigmoid: TensorPrimitives.Sigmoid(input, output); break;
            case UnaryOp.Tanh: TensorPrimitives.Tanh(input, output); break;
            case UnaryOp.Exp: TensorPrimitives.Exp(input, output); break;
            case UnaryOp.Log: TensorPrimitives.Log(input, output); break;
            case UnaryOp.Softplus: Elementwise.Map(new Softplus(), input, output); break;
            case UnaryOp.Sqrt: TensorPrimitives.Sqrt(input, output); break;
            case UnaryOp.Square: TensorPrimitives.Multiply(input, input, output); break;
            case UnaryOp.Abs: TensorPrimitives.Abs(input, output); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "unknown unary op");
        }
    }

    public void UnaryBackward(UnaryOp op, Tensor x, Tensor y, Tensor dy, Tensor dx, float parameter, bool accumulate)
    {
        RequireSameLength(x, dx);
        (CurrentJob.Unary, CurrentJob.A, CurrentJob.B, CurrentJob.C, CurrentJob.D, CurrentJob.Scalar0, CurrentJob.Flag) = (op, x, y, dy, dx, parameter, accumulate);
        ForRanges(x.Length, &UnaryBackwardRange);
    }

    private static void UnaryBackwardRange(RangeJob job, int start, int end, int part)
    {
        ReadOnlySpan<float> input = job.A!.Span[start..end], output = job.B!.Span[start..end], upstream = job.C!.Span[start..end];
        Span<float> gradient = job.D!.Span[start..end];
        float parameter = job.Scalar0;
        bool accumulate = job.Flag;
        UnaryOp op = job.Unary;
        switch (op)
        {
            case UnaryOp.Relu: Elementwise.Map(new ReluGradient(), output, upstream, gradient, accumulate); break;
            case UnaryOp.LeakyRelu: Elementwise.Map(new LeakyReluGradient(parameter), input, upstream, gradient, accumulate); break;
            case UnaryOp.Sigmoid: Elementwise.Map(new SigmoidGradient(), output, upstream, gradient, accumulate); break;
            case UnaryOp.Tanh: Elementwise.Map(new TanhGradient(), output, upstream, gradient, accumulate); break;
            case UnaryOp.Exp: Elementwise.Map(new ExpGradient(), output, upstream, gradient, accumulate); break;
            case UnaryOp.Log: Elementwise.Map(new LogGradient(), input, upstream, gradient, accumulate); break;
            case UnaryOp.Softplus: Elementwise.Map(new SoftplusGradient(), input, upstream, gradient, accumulate); break;
            case UnaryOp.Sqrt: Elementwise.Map(new SqrtGradient(), output, upstream, gradient, accumulate); break;
            case UnaryOp.Square: Elementwise.Map(new SquareGradient(), input, upstream, gradient, accumulate); break;
            case UnaryOp.Abs: Elementwise.Map(new AbsGradient(), input, upstream, gradient, accumulate); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "unknown unary op");
        }
    }

    public void Affine(Tensor x, float scale, float shift, Tensor y)
    {
        RequireSameLength(x, y);
        TensorPrimitives.Multiply(x.Span, scale, y.Span);
        if (shift != 0f) TensorPrimitives.Add(y.Span, shift, y.Span);
    }

    public void ScaleBackward(Tensor dy, float scale, Tensor dx, bool accumulate)
    {
        RequireSameLength(dy, dx);
        if (accumulate) TensorPrimitives.MultiplyAdd(dy.Span, scale, dx.Span, dx.Span);
        else TensorPrimitives.Multiply(dy.Span, scale, dx.Span);
    }

    public double Sum(Tensor x)
    {
        ReadOnlySpan<float> values = x.Span;
        double total = 0;
        const int Block = 4096;
        for (int start = 0; start < values.Length; start += Block)
            total += TensorPrimitives.Sum(values.Slice(start, Math.Min(Block, values.Length - start)));
        return total;
    }

    public void FillBackward(float value, Tensor dx, bool accumulate)
    {
        if (accumulate) TensorPrimitives.Add(dx.Span, value, dx.Span);
        else dx.Span.Fill(value);
    }

    public void Softmax(Tensor x, Tensor y)
    {
        RequireSameLength(x, y);
        int columns = x.Shape[x.Shape.Rank - 1];
        ReadOnlySpan<float> input = x.Span;
        Span<float> output = y.Span;
        for (int start = 0; start < input.Length; start += columns)
        {
            // e^(x − max x) / Σ: subtracting the row's maximum keeps exp from overflowing (TensorPrimitives.SoftMax does not).
            var row = output.Slice(start, columns);
            TensorPrimitives.Subtract(input.Slice(start, columns), TensorPrimitives.Max(input.Slice(start, columns)), row);
            TensorPrimitives.Exp(row, row);
            TensorPrimitives.Divide(row, TensorPrimitives.Sum(row), row);
        }
    }

    // dx = y ∘ (dy − ⟨dy, y⟩) per row.
    public void SoftmaxBackward(Tensor y, Tensor dy, Tensor dx, bool accumulate)
    {
        RequireSameLength(y, dx);
        int columns = y.Shape[y.Shape.Rank - 1];
        ReadOnlySpan<float> output = y.Span, upstream = dy.Span;
        Span<float> gradient = dx.Span;
        for (int start = 0; start < output.Length; start += columns)
        {
            var yRow = output.Slice(start, columns);
            var dyRow = upstream.Slice(start, columns);
            var dxRow = gradient.Slice(start, columns);
            float dot = TensorPrimitives.Dot(yRow, dyRow);
            for (int j = 0; j < columns; j++)
            {
                float value = yRow[j] * (dyRow[j] - dot);
                dxRow[j] = accumulate ? dxRow[j] + value : value;
            }
        }
    }
}
