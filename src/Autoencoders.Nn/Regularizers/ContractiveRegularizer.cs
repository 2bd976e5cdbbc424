using System.Text.Json.Nodes;
using Autoencoders.Nn.Layers;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Regularizers;

/// <summary>λ · ‖∂h/∂x‖²_F, the Frobenius norm of the Jacobian of the layer's outputs with respect to its inputs (Rifai
/// et al. 2011, "Contractive auto-encoders"): exact for the dense layer it sits on, which is the whole encoder of the
/// classic one-layer contractive autoencoder.</summary>
public sealed class ContractiveRegularizer : Regularizer
{
    public ContractiveRegularizer(float weight)
    {
        RequireNonNegative(weight, "contractive weight λ");
        Weight = weight;
    }

    public float Weight { get; }

    public override string TypeName => "contractive";

    public override Tensor ActivityPenalty(Graph graph, Tensor activations, Dense layer) =>
        graph.Scale(graph.ContractivePenalty(layer.Activation.DerivativeFromOutput(graph, activations), layer.Kernel), Weight);

    public override JsonObject GetConfig() => new() { ["type"] = TypeName, ["weight"] = Weight };
}
