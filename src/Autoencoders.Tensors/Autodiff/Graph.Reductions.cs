namespace Autoencoders.Tensors.Autodiff;

public sealed partial class Graph
{
    /// <summary>Σ x over every element, as a scalar.</summary>
    public Tensor Sum(Tensor x) => ScaledSum(x, 1f);

    /// <summary>The mean of every element, as a scalar.</summary>
    public Tensor Mean(Tensor x) => ScaledSum(x, 1f / x.Length);

    private Tensor ScaledSum(Tensor x, float scale)
    {
        Tensor y = NewTensor(Shape.Scalar);
        y.Span[0] = (float)(Backend.Sum(x) * scale);
        if (Tracks(x))
            Record(y, new TapeEntry { Op = OpCode.Sum, A = x, Scalar = scale });
        return y;
    }

    private void SumBackward(ref TapeEntry e)
    {
        if (GradientOf(e.A, out bool accumulate) is { } dx)
            Backend.FillBackward(GradOfOutput(e).Span[0] * e.Scalar, dx, accumulate);
    }
}
