using System.Text.Json.Nodes;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>The maximum of each pool × pool window, windows <see cref="Strides"/> apart (the pool size by default),
/// no padding: (C, H, W) → (C, ⌊(H − pool) / s⌋ + 1, …), as Keras's and PyTorch's defaults.</summary>
public sealed class MaxPooling2D : Layer
{
    public MaxPooling2D(int poolSize = 2, int? strides = null)
    {
        Conv2D.RequirePositive(poolSize, "pool size");
        PoolSize = poolSize;
        Strides = strides ?? poolSize;
        Conv2D.RequirePositive(Strides, "stride");
    }

    public override string TypeName => "MaxPooling2D";

    public int PoolSize { get; }

    public int Strides { get; }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        Conv2D.RequireImage(inputShape, TypeName);
        if (inputShape[1] < PoolSize || inputShape[2] < PoolSize)
            throw new ArgumentException($"a {PoolSize}×{PoolSize} pool does not fit images of {inputShape}");
        return new Shape(inputShape[0], (inputShape[1] - PoolSize) / Strides + 1, (inputShape[2] - PoolSize) / Strides + 1);
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training) => graph.MaxPool2D(x, PoolSize, Strides);

    public override JsonObject GetConfig() => Config(("pool_size", PoolSize), ("strides", Strides));

    internal static MaxPooling2D FromConfig(LayerConfig c) => new(c.Integer("pool_size") ?? 2, c.Integer("strides"));
}
