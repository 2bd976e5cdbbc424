using System.Text.Json.Nodes;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers.Merging;

/// <summary>The elementwise sum of inputs of one shape (Keras's Add): a residual connection, y = f(x) + x.</summary>
public sealed class Add : MergeLayer
{
    public override string TypeName => "Add";

    protected override Shape ComputeMergedShape(IReadOnlyList<Shape> inputShapes)
    {
        foreach (var shape in inputShapes)
            if (shape != inputShapes[0])
                throw new ArgumentException($"Add expected inputs of one shape, received {Describe(inputShapes)}");
        return inputShapes[0];
    }

    protected override Tensor Merge(Graph graph, IReadOnlyList<Tensor> inputs)
    {
        Tensor sum = graph.Add(inputs[0], inputs[1]);
        for (int i = 2; i < inputs.Count; i++) sum = graph.Add(sum, inputs[i]);
        return sum;
    }

    public override JsonObject GetConfig() => Config();
}
