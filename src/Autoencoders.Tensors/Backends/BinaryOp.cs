namespace Autoencoders.Tensors.Backends;

/// <summary>The broadcasting elementwise binary operations.</summary>
public enum BinaryOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
}
