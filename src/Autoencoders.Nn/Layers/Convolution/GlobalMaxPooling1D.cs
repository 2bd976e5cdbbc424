using System.Text.Json.Nodes;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>The maximum over time: (T, C) → (C), as Keras's GlobalMaxPooling1D. With the input's <see cref="Tensor.Mask"/>
/// the maximum runs over the real steps only (Keras 3 ignores the mask here, so padding could win); a sequence with every
/// step masked pools to 0.</summary>
public sealed class GlobalMaxPooling1D : Layer
{
    public override string TypeName => "GlobalMaxPooling1D";

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        Conv1D.RequireSequence(inputShape, TypeName);
        return new Shape(inputShape[1]);
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training) => graph.GlobalMaxPool1D(x, x.Mask);

    public override JsonObject GetConfig() => Config();
}
