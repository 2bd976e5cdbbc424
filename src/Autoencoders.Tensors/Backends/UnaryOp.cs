namespace Autoencoders.Tensors.Backends;

/// <summary>The elementwise functions the backends implement, each with its derivative.</summary>
public enum UnaryOp
{
    Relu,
    LeakyRelu,
    Sigmoid,
    Tanh,
    Exp,
    Log,
    Softplus,
    Sqrt,
    Square,
    Abs,
}
