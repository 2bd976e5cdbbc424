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
    Conv2D,
    Conv2DTranspose,
    MaxPool2D,
    UpSample2D,
    BatchNorm,
    SquaredError,
    BinaryCrossEntropy,
    BinaryCrossEntropyWithLogits,
    Conv1D,
    Conv1DTranspose,
    MaxPool1D,
    UpSample1D,
    GlobalAveragePool1D,
    GlobalMaxPool1D,
}
