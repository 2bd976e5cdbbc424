using Autoencoders.Tensors.Backends;

namespace Autoencoders.Tensors.Autodiff;

/// <summary>
/// One recorded op: what it was, its operands and its output. A struct in a reused array, rather than a
/// closure per op as in micrograd, so that recording a step allocates nothing once the tape has grown.
/// </summary>
internal struct TapeEntry
{
    public OpCode Op;
    public Tensor Output;
    public Tensor A;
    public Tensor? B;
    public Tensor? C;
    public Tensor? D;
    public Tensor? E;
    public UnaryOp Unary;
    public BinaryOp Binary;
    public bool TransposeA;
    public bool TransposeB;
    public float Scalar;
    public int Integer;
    public ConvolutionGeometry Geometry;

    /// <summary>Slice and concatenate: the axis (batch = 0) and where along it the operand's part starts.</summary>
    public int Axis;
    public int Start;
    /// <summary>A sixth operand (a recurrent op's mask).</summary>
    public Tensor? F;

    /// <summary>Scratch an op saves for its backward pass (a recurrent op's gates and states), from the arena.</summary>
    public Tensor? Workspace;
}
