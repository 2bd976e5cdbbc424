using System.Text.Json.Nodes;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>The mean over time: (T, C) → (C), as Keras's GlobalAveragePooling1D. Mask-aware: with the input's
/// <see cref="Tensor.Mask"/> (an Embedding's, say) the mean runs over the real steps only, Σ m·x / Σ m; a sequence with
/// every step masked pools to 0 (Keras divides by zero there).</summary>
public sealed class GlobalAveragePooling1D : Layer
{
    public override string TypeName => "GlobalAveragePooling1D";

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        Conv1D.RequireSequence(inputShape, TypeName);
        return new Shape(inputShape[1]);
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training) => graph.GlobalAveragePool1D(x, x.Mask);

    public override JsonObject GetConfig() => Config();
}
