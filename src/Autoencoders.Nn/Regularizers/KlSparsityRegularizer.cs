using System.Text.Json.Nodes;
using Autoencoders.Nn.Layers;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Regularizers;

/// <summary>β · Σ_j KL(ρ ‖ ρ̂_j), ρ̂_j the mean activation of unit j over the batch: the sparse autoencoder's penalty
/// (Ng, CS294A lecture notes). The layer's activations must lie in (0, 1): use a sigmoid code.</summary>
public sealed class KlSparsityRegularizer : Regularizer
{
    public KlSparsityRegularizer(float target, float weight)
    {
        if (!(target > 0f && target < 1f)) throw new ArgumentException($"expected a target activation ρ in (0, 1), received {target}");
        RequireNonNegative(weight, "sparsity weight β");
        (Target, Weight) = (target, weight);
    }

    public float Target { get; }

    public float Weight { get; }

    public override string TypeName => "kl_sparsity";

    public override Tensor ActivityPenalty(Graph graph, Tensor activations, Dense layer)
    {
        if (layer.Activation != Activation.Sigmoid)
            throw new ArgumentException($"KL sparsity needs activations in (0, 1): give layer {layer.Name} a sigmoid activation, not {layer.Activation}");
        return graph.Scale(graph.BernoulliKlDivergence(activations, Target), Weight);
    }

    public override JsonObject GetConfig() => new() { ["type"] = TypeName, ["target"] = Target, ["weight"] = Weight };
}
