using System.Text.Json.Nodes;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>Each step repeated <see cref="Size"/> times: (T, C) → (T·size, C), as Keras's UpSampling1D.</summary>
public sealed class UpSampling1D : Layer
{
    public UpSampling1D(int size = 2)
    {
        Conv2D.RequirePositive(size, "upsampling size");
        Size = size;
    }

    public override string TypeName => "UpSampling1D";

    public int Size { get; }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        Conv1D.RequireSequence(inputShape, TypeName);
        return new Shape(inputShape[0] * Size, inputShape[1]);
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training) => graph.UpSample1D(x, Size);

    public override JsonObject GetConfig() => Config(("size", Size));

    internal static UpSampling1D FromConfig(LayerConfig c) => new(c.Integer("size") ?? 2);
}
