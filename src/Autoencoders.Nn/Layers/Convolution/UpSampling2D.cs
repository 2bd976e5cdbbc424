using System.Text.Json.Nodes;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>Nearest-neighbour upsampling: (C, H, W) → (C, H·size, W·size), each pixel repeated size × size.</summary>
public sealed class UpSampling2D : Layer
{
    public UpSampling2D(int size = 2)
    {
        Conv2D.RequirePositive(size, "upsampling size");
        Size = size;
    }

    public override string TypeName => "UpSampling2D";

    public int Size { get; }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        Conv2D.RequireImage(inputShape, TypeName);
        return new Shape(inputShape[0], inputShape[1] * Size, inputShape[2] * Size);
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training) => graph.UpSample2D(x, Size);

    public override JsonObject GetConfig() => Config(("size", Size));

    internal static UpSampling2D FromConfig(LayerConfig c) => new(c.Integer("size") ?? 2);
}
