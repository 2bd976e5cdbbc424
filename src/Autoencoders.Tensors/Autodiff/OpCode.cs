namespace Autoencoders.Tensors.Autodiff;

/// <summary>The primitive ops the tape records; each has one gradient rule in <see cref="Graph"/>.</summary>
internal enum OpCode
{
    MatMul,
    Linear,
    Binary,
    Unary,
    Affine,
    Sum,
    Softmax,
    Reshape,
    SquaredError,
    BinaryCrossEntropy,
    BinaryCrossEntropyWithLogits,
}
