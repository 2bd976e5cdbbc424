using System.Text.Json.Nodes;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers.Merging;

/// <summary>
/// Inputs joined along one axis (Keras's Concatenate): the skip connections of a U-Net, features from several inputs.
/// The axis counts the batch as 0, as Keras's does; −1 (the default) is the last. Images here are channels-first
/// (C, H, W), so joining feature maps is <c>axis: 1</c>; sequences (T, C) join their channels on the default −1.
/// </summary>
public sealed class Concatenate : MergeLayer
{
    public Concatenate(int axis = -1)
    {
        if (axis == 0)
            throw new ArgumentException("Concatenate cannot join along the batch axis 0: expected 1 or more, or −1 for the last");
        Axis = axis;
    }

    public override string TypeName => "Concatenate";

    public int Axis { get; }

    protected override Shape ComputeMergedShape(IReadOnlyList<Shape> inputShapes)
    {
        Shape first = inputShapes[0];
        // The per-sample axis: the batch axis is not in these shapes.
        int along = Axis < 0 ? first.Rank + Axis : Axis - 1;
        if (along < 0 || along >= first.Rank)
            throw new ArgumentException($"Concatenate axis {Axis} is outside inputs of shape {first}");
        int total = 0;
        foreach (var shape in inputShapes)
        {
            bool fits = shape.Rank == first.Rank;
            for (int d = 0; fits && d < shape.Rank; d++) fits = d == along || shape[d] == first[d];
            if (!fits)
                throw new ArgumentException($"Concatenate expected inputs that match except along axis {Axis}, received {Describe(inputShapes)}");
            total += shape[along];
        }
        Span<int> dims = stackalloc int[first.Rank];
        first.CopyTo(dims);
        dims[along] = total;
        return new Shape(dims);
    }

    protected override Tensor Merge(Graph graph, IReadOnlyList<Tensor> inputs)
    {
        // A model graph passes an array of its arena; anything else is copied once.
        Tensor[] operands = inputs as Tensor[] ?? [.. inputs];
        return graph.Concatenate(operands, Axis);
    }

    public override JsonObject GetConfig() => Config(("axis", Axis));

    internal static Concatenate FromConfig(LayerConfig c) => new(c.Integer("axis") ?? -1);
}
