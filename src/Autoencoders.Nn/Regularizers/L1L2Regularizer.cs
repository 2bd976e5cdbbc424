using System.Text.Json.Nodes;
using Autoencoders.Nn.Layers;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Regularizers;

/// <summary>l1 · Σ|v| + l2 · Σv², as Keras's regularizers; on activity, divided by the batch size as Keras does, so
/// the seeds' <c>activity_regularizer=l1(10e-5)</c> is <c>{"type": "l1", "l1": 1e-4}</c> here with the same effect.</summary>
public sealed class L1L2Regularizer : Regularizer
{
    public L1L2Regularizer(float l1, float l2)
    {
        RequireNonNegative(l1, "L1 factor");
        RequireNonNegative(l2, "L2 factor");
        (L1, L2) = (l1, l2);
    }

    public float L1 { get; }

    public float L2 { get; }

    public override string TypeName => L2 == 0f ? "l1" : L1 == 0f ? "l2" : "l1_l2";

    public override Tensor ActivityPenalty(Graph graph, Tensor activations, Dense layer) =>
        graph.Scale(Penalty(graph, activations), 1f / activations.Rows);

    public override Tensor WeightPenalty(Graph graph, Tensor weights) => Penalty(graph, weights);

    private Tensor Penalty(Graph graph, Tensor values)
    {
        Tensor? l1 = L1 == 0f ? null : graph.Scale(graph.Sum(graph.Abs(values)), L1);
        Tensor? l2 = L2 == 0f ? null : graph.Scale(graph.Sum(graph.Square(values)), L2);
        return l1 is null ? l2! : l2 is null ? l1 : graph.Add(l1, l2);
    }

    public override JsonObject GetConfig() => TypeName switch
    {
        "l1" => new JsonObject { ["type"] = "l1", ["l1"] = L1 },
        "l2" => new JsonObject { ["type"] = "l2", ["l2"] = L2 },
        _ => new JsonObject { ["type"] = "l1_l2", ["l1"] = L1, ["l2"] = L2 },
    };
}
