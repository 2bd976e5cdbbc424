using Autoencoders.Tensors;

namespace Autoencoders.Nn;

/// <summary>
/// A learned (or tracked) array of a layer. Its <see cref="Value"/> starts as a tensor of its own and is
/// moved by <see cref="ParameterSet"/> into one contiguous buffer shared with every other parameter.
/// </summary>
public sealed class Parameter(string name, Tensor value, bool trainable = true)
{
    /// <summary>The short name within its layer, e.g. <c>kernel</c> or <c>bias</c>.</summary>
    public string Name { get; } = name;

    public Tensor Value { get; internal set; } = value;

    /// <summary>False for state the optimizer must not touch (batch norm's moving statistics).</summary>
    public bool Trainable { get; } = trainable;

    public int Count => Value.Length;
}
