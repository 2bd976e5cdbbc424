using System.Text.Json.Nodes;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>Applies an activation on its own (Keras's <c>Activation</c> layer); no parameters.</summary>
public sealed class ActivationLayer(Activation activation) : Layer
{
    public Activation Activation { get; } = activation;

    public override string TypeName => "Activation";

    public override bool PassesMaskOn => true;

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    public override Tensor Forward(Graph graph, Tensor x, bool training) => Activation.Apply(graph, x);

    public override JsonObject GetConfig() => Config(("activation", Activation.Name));
}
