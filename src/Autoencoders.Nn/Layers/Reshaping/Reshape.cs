using System.Text.Json.Nodes;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>Views each sample under another shape with the same number of values, e.g. 784 → (1, 28, 28) before a
/// convolution; one dimension may be −1 (inferred). No copy.</summary>
public sealed class Reshape : Layer
{
    public Reshape(params int[] targetShape)
    {
        if (targetShape.Length is 0 or >= Shape.MaxRank)
            throw new ArgumentException($"expected a target shape of 1 to {Shape.MaxRank - 1} dimensions, received [{string.Join(", ", targetShape)}]");
        if (targetShape.Count(d => d == -1) > 1 || targetShape.Any(d => d == 0 || d < -1))
            throw new ArgumentException($"expected positive dimensions and at most one −1, received [{string.Join(", ", targetShape)}]");
        TargetShape = targetShape;
    }

    public override string TypeName => "Reshape";

    public int[] TargetShape { get; }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        int known = TargetShape.Where(d => d > 0).Aggregate(1, (a, b) => a * b);
        int[] dims = [.. TargetShape];
        int unknown = Array.IndexOf(dims, -1);
        if (unknown >= 0 && inputShape.ElementCount % known == 0) dims[unknown] = inputShape.ElementCount / known;
        var shape = new Shape(dims.Select(d => Math.Max(d, 0)).ToArray());
        if (unknown >= 0 && inputShape.ElementCount % known != 0 || shape.ElementCount != inputShape.ElementCount)
            throw new ArgumentException($"cannot reshape {inputShape} ({inputShape.ElementCount} values) to [{string.Join(", ", TargetShape)}]");
        return shape;
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training) => graph.Reshape(x, OutputShape.Prepend(x.Rows));

    public override JsonObject GetConfig() => Config(("target_shape", new JsonArray([.. TargetShape.Select(d => (JsonNode)d)])));

    internal static Reshape FromConfig(LayerConfig c) => new(c.Integers("target_shape") ?? throw c.Error("Reshape needs \"target_shape\""));
}
