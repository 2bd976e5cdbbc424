using System.Text.Json.Nodes;
using Autoencoders.Nn.Layers;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Regularizers;

/// <summary>
/// A penalty added to the loss: on a layer's outputs (activity: L1/L2, KL sparsity, contractive) or on its weights
/// (L1/L2). Configured in model files as <c>{"type": "l1", "l1": 1e-4}</c>, <c>{"type": "kl_sparsity", "target": 0.05,
/// "weight": 3}</c>, <c>{"type": "contractive", "weight": 1e-4}</c>.
/// </summary>
public abstract class Regularizer
{
    public abstract string TypeName { get; }

    public static IEnumerable<string> TypeNames => ["l1", "l2", "l1_l2", "kl_sparsity", "contractive"];

    /// <summary>The penalty on a batch of outputs <paramref name="activations"/> (B, J) of <paramref name="layer"/>, a batch mean.</summary>
    public abstract Tensor ActivityPenalty(Graph graph, Tensor activations, Dense layer);

    /// <summary>The penalty on a weight array; only L1/L2 penalise weights.</summary>
    public virtual Tensor WeightPenalty(Graph graph, Tensor weights) =>
        throw new ArgumentException($"{TypeName} regularizes activity, not weights: use it as an activity_regularizer");

    public abstract JsonObject GetConfig();

    public static Regularizer FromConfig(LayerConfig c) => c.Type switch
    {
        "l1" => new L1L2Regularizer(c.Real("l1") ?? 0.01f, 0f),
        "l2" => new L1L2Regularizer(0f, c.Real("l2") ?? 0.01f),
        "l1_l2" => new L1L2Regularizer(c.Real("l1") ?? 0.01f, c.Real("l2") ?? 0.01f),
        "kl_sparsity" => new KlSparsityRegularizer(c.Real("target") ?? 0.05f, c.Real("weight") ?? 1f),
        "contractive" => new ContractiveRegularizer(c.Real("weight") ?? 1e-4f),
        var other => throw c.Error($"unknown regularizer \"{other}\", expected one of {string.Join(", ", TypeNames)}"),
    };

    protected static void RequireNonNegative(float value, string what)
    {
        if (!(value >= 0f) || !float.IsFinite(value))
            throw new ArgumentException($"expected a non-negative {what}, received {value}");
    }
}
