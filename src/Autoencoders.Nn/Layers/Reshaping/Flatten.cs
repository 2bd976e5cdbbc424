using System.Text.Json.Nodes;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>Each sample as one flat vector: (C, H, W) → (C·H·W). No copy.</summary>
public sealed class Flatten : Layer
{
    public override string TypeName => "Flatten";

    public override Shape ComputeOutputShape(Shape inputShape) => new(inputShape.ElementCount);

    public override Tensor Forward(Graph graph, Tensor x, bool training) => graph.Reshape(x, new Shape(x.Rows, x.Columns));

    public override JsonObject GetConfig() => Config();
}
