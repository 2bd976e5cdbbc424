using Autoencoders.Data;
using Autoencoders.Nn.Graphs;
using Autoencoders.Nn.Layers;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Models;

/// <summary>
/// A model that is a graph of layer calls, Keras's functional API (<c>Model(inputs, outputs)</c>):
/// <code>
/// var image = SymbolicTensor.Input(new Shape(1, 28, 28), "image");
/// var down = new Conv2D(8, 3, padding: Padding.Same, activation: Activation.Relu).Apply(image);
/// var up = new UpSampling2D(2).Apply(new MaxPooling2D(2).Apply(down));
/// var joined = new Concatenate(axis: 1).Apply(up, down);          // a skip connection
/// var model = new Functional(image, new Conv2D(1, 3, padding: Padding.Same, activation: Activation.Sigmoid).Apply(joined));
/// </code>
/// Several inputs travel through Fit, Evaluate and Predict as one row per sample holding each input's values after
/// the other's, in the order of <see cref="Inputs"/> (<see cref="ColumnsSideBySide"/> joins sources that way); the model
/// takes the row apart. Several outputs come back the same way, side by side.
/// </summary>
public sealed class Functional : Model
{
    private readonly LayerGraph graph;

    public Functional(SymbolicTensor input, SymbolicTensor output)
        : this([input], [output])
    {
    }

    public Functional(IReadOnlyList<SymbolicTensor> inputs, IReadOnlyList<SymbolicTensor> outputs)
        : this(new LayerGraph(inputs, outputs))
    {
        foreach (var input in inputs)
            if (input.KnownShape is null)
                throw new ArgumentException($"input {input.InputName} has no shape: make it with SymbolicTensor.Input(shape)");
    }

    internal Functional(LayerGraph graph)
    {
        this.graph = graph;
        Name = "functional";
    }

    internal LayerGraph Graph => graph;

    public IReadOnlyList<SymbolicTensor> Inputs => graph.Inputs;

    public IReadOnlyList<SymbolicTensor> Outputs => graph.Outputs;

    /// <summary>The per-sample shape of each input, in order.</summary>
    public IReadOnlyList<Shape> InputShapes => [.. graph.Inputs.Select(i => i.Shape)];

    /// <summary>The per-sample shape of each output, in order; known once built.</summary>
    public IReadOnlyList<Shape> OutputShapes { get; private set; } = [];

    internal override IEnumerable<(string Prefix, LayerGraph Graph)> Graphs => [("", graph)];

    public override IEnumerable<(string Path, Layer Layer)> NamedLayers => graph.Layers.Select(l => (l.Name ?? l.TypeName, l));

    /// <summary>One input: its shape. Several: one flat row of all their values, as <see cref="ColumnsSideBySide"/> gives.</summary>
    private Shape PackedInputShape => graph.Inputs.Count == 1 ? graph.Inputs[0].Shape : new Shape(graph.Inputs.Sum(i => i.Shape.ElementCount));

    private protected override Shape ResolveInputShape(Shape given) =>
        given.ElementCount == PackedInputShape.ElementCount
            ? PackedInputShape
            : throw new ArgumentException($"model {Name} takes samples of {PackedInputShape.ElementCount} values ({string.Join(" + ", graph.Inputs.Select(i => $"{i.InputName} {i.Shape}"))}), received {given}");

    protected override Shape BuildLayers(Shape inputShape, DeterministicRandom random)
    {
        OutputShapes = graph.Build(InputShapes, random, Name);
        return OutputShapes.Count == 1 ? OutputShapes[0] : new Shape(OutputShapes.Sum(s => s.ElementCount));
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training)
    {
        var inputs = this.graph.Inputs;
        Tensor[] values;
        if (inputs.Count == 1)
        {
            values = this.graph.Run(graph, [x], training);
        }
        else
        {
            Tensor[] batches = graph.NewTensorList(inputs.Count);
            int offset = 0;
            for (int i = 0; i < inputs.Count; i++)
            {
                batches[i] = ColumnsOf(graph, x, offset, inputs[i].Shape.Prepend(x.Rows));
                offset += inputs[i].Shape.ElementCount;
            }
            values = this.graph.Run(graph, batches, training);
        }
        if (this.graph.Outputs.Count == 1) return values[this.graph.OutputSlot(0)];
        Tensor[] outputs = graph.NewTensorList(this.graph.Outputs.Count);
        for (int i = 0; i < outputs.Length; i++) outputs[i] = values[this.graph.OutputSlot(i)];
        return ConcatenateColumns(graph, outputs);
    }

    /// <summary>Input i's values of a packed batch (N, ΣFᵢ), in its own shape: a copy, with no gradient (inputs need none).</summary>
    private static Tensor ColumnsOf(Graph graph, Tensor packed, int offset, Shape shape)
    {
        if (packed.RequiresGrad)
            throw new InvalidOperationException("the packed inputs of a multi-input model take no gradient");
        Tensor part = graph.Slice(packed, 1, offset, shape.ElementCount / packed.Rows); // packed is (N, ΣFᵢ)
        return graph.Reshape(part, shape);
    }

    /// <summary>Every output's values side by side, one row per sample: (N, ΣFᵢ).</summary>
    private static Tensor ConcatenateColumns(Graph graph, Tensor[] parts)
    {
        for (int i = 0; i < parts.Length; i++) parts[i] = graph.Reshape(parts[i], new Shape(parts[i].Rows, parts[i].Columns));
        return graph.Concatenate(parts, 1);
    }

    /// <summary>This model's graph as one part of an <see cref="Autoencoder"/>: one input, one output.</summary>
    internal LayerGraph SinglePartGraph(string part)
    {
        if (graph.Inputs.Count != 1 || graph.Outputs.Count != 1)
            throw new ArgumentException($"an autoencoder's {part} needs one input and one output, {Name} has {graph.Inputs.Count} and {graph.Outputs.Count}");
        if (IsBuilt)
            throw new ArgumentException($"the {part} {Name} is built already: give the autoencoder unbuilt parts, it builds them");
        return graph;
    }
}
