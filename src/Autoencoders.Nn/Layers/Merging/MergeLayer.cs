using Autoencoders.Data;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers.Merging;

/// <summary>
/// A layer of several inputs and no weights (Keras's Merge layers: Add, Concatenate), the joints of skip connections
/// and multi-input models. It exists only in model graphs: call it with <see cref="Layer.Apply"/> on two or more tensors.
/// </summary>
public abstract class MergeLayer : Layer
{
    /// <summary>The per-sample shape of every input, once built.</summary>
    public IReadOnlyList<Shape> InputShapes { get; private set; } = [];

    /// <summary>The output shape for inputs of these shapes; throws, naming them, when they do not fit together.</summary>
    protected abstract Shape ComputeMergedShape(IReadOnlyList<Shape> inputShapes);

    /// <summary>Computes the layer on a batch per input.</summary>
    protected abstract Tensor Merge(Graph graph, IReadOnlyList<Tensor> inputs);

    internal override Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        if (inputShapes.Count < 2)
            throw new ArgumentException($"{TypeName} expected at least 2 inputs, received {inputShapes.Count}");
        return ComputeMergedShape(inputShapes);
    }

    internal override void Build(IReadOnlyList<Shape> inputShapes, DeterministicRandom random)
    {
        if (IsBuilt)
        {
            if (!inputShapes.SequenceEqual(InputShapes))
                throw new InvalidOperationException($"layer {Name} was built for inputs {Describe(InputShapes)}, received {Describe(inputShapes)}");
            return;
        }
        OutputShape = ComputeOutputShape(inputShapes);
        InputShapes = [.. inputShapes];
        InputShape = inputShapes[0];
        IsBuilt = true;
    }

    public override Tensor Call(Graph graph, IReadOnlyList<Tensor> inputs, bool training) => Merge(graph, inputs);

    public override Shape ComputeOutputShape(Shape inputShape) =>
        throw new ArgumentException($"{TypeName} merges several inputs: call it on two or more tensors in a functional model");

    public override Tensor Forward(Graph graph, Tensor x, bool training) =>
        throw new InvalidOperationException($"{TypeName} merges several inputs: call it on two or more tensors in a functional model");

    private protected static string Describe(IEnumerable<Shape> shapes) => string.Join(" and ", shapes);
}
