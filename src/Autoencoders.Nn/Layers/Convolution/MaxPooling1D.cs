using System.Text.Json.Nodes;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>The maximum of each <see cref="PoolSize"/>-step window, windows <see cref="Strides"/> apart (the pool size by
/// default), padding "valid": (T, C) → (⌊(T − pool) / s⌋ + 1, C), as Keras's MaxPooling1D.</summary>
public sealed class MaxPooling1D : Layer
{
    public MaxPooling1D(int poolSize = 2, int? strides = null, string padding = "valid")
    {
        Conv2D.RequirePositive(poolSize, "pool size");
        PoolSize = poolSize;
        Strides = strides ?? poolSize;
        Conv2D.RequirePositive(Strides, "stride");
        if (!string.Equals(padding, "valid", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"expected padding \"valid\" (the only one MaxPooling1D supports here), received \"{padding}\"");
    }

    public override string TypeName => "MaxPooling1D";

    public int PoolSize { get; }

    public int Strides { get; }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        Conv1D.RequireSequence(inputShape, TypeName);
        if (inputShape[0] < PoolSize)
            throw new ArgumentException($"a pool of {PoolSize} steps does not fit sequences of {inputShape}");
        return new Shape((inputShape[0] - PoolSize) / Strides + 1, inputShape[1]);
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training) => graph.MaxPool1D(x, PoolSize, Strides);

    public override JsonObject GetConfig() => Config(("pool_size", PoolSize), ("strides", Strides), ("padding", "valid"));

    internal static MaxPooling1D FromConfig(LayerConfig c) => new(c.Integer("pool_size") ?? 2, c.Integer("strides"), c.Text("padding") ?? "valid");
}
