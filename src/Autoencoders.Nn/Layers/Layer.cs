using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Nn.Graphs;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// The layer contract, as Keras writes it down: the constructor validates the configuration,
/// <see cref="Build"/> creates the weights once the input shape is known, <see cref="Forward"/> only
/// computes, <see cref="ComputeOutputShape"/> infers shapes without data, and <see cref="GetConfig"/>
/// returns the configuration that <see cref="LayerFactory"/> turns back into the same layer.
/// Shapes here are per sample; tensors in <see cref="Forward"/> carry the batch as their first dimension.
/// </summary>
public abstract class Layer
{
    private readonly List<Parameter> parameters = [];

    /// <summary>The layer's type as saved in model files and shown by Summary(), e.g. <c>Dense</c>.</summary>
    public abstract string TypeName { get; }

    /// <summary>Set by the model when the layer joins it, e.g. <c>dense_1</c>.</summary>
    public string? Name { get; set; }

    public bool IsBuilt { get; private protected set; }

    /// <summary>The per-sample input shape once built (a merge layer's first input's).</summary>
    public Shape InputShape { get; private protected set; }

    public Shape OutputShape { get; private protected set; }

    public IReadOnlyList<Parameter> Parameters => parameters;

    /// <summary>Infers the output shape and creates the weights for inputs of <paramref name="inputShape"/>.</summary>
    public void Build(Shape inputShape, DeterministicRandom random)
    {
        if (IsBuilt)
        {
            if (inputShape != InputShape)
                throw new InvalidOperationException($"layer {Name} was built for inputs {InputShape}, received {inputShape}");
            return;
        }
        OutputShape = ComputeOutputShape(inputShape);
        InputShape = inputShape;
        CreateParameters(inputShape, random);
        IsBuilt = true;
    }

    /// <summary>Builds on the shapes of every input; a layer of one input (all but <see cref="Merging.MergeLayer"/>s) takes exactly one.</summary>
    internal virtual void Build(IReadOnlyList<Shape> inputShapes, DeterministicRandom random)
    {
        RequireOneInput(inputShapes.Count);
        Build(inputShapes[0], random);
    }

    /// <summary>The output shape on inputs of these shapes, without building (what <see cref="Apply"/> infers).</summary>
    internal virtual Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        RequireOneInput(inputShapes.Count);
        return ComputeOutputShape(inputShapes[0]);
    }

    /// <summary>Computes the layer on the batches of every input; see <see cref="Call(Graph, Tensor, bool)"/>.</summary>
    public virtual Tensor Call(Graph graph, IReadOnlyList<Tensor> inputs, bool training)
    {
        RequireOneInput(inputs.Count);
        return Call(graph, inputs[0], training);
    }

    private protected void RequireOneInput(int count)
    {
        if (count != 1)
            throw new ArgumentException($"{TypeName} takes one input, received {count}");
    }

    /// <summary>Calls the layer on symbolic tensors, as Keras's <c>layer(x)</c> in the functional API: the result stands
    /// for this layer's output in a model graph (<see cref="Models.Functional"/>). The output shape is inferred now, so a
    /// shape that does not fit fails here, naming the layer; weights are made when the model is built. Calling one
    /// layer on several tensors shares its weights between the calls.</summary>
    public SymbolicTensor Apply(params SymbolicTensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0)
            throw new ArgumentException($"{Name ?? TypeName}: expected at least one input, received none");
        Shape? shape = null;
        if (inputs.All(i => i.KnownShape is not null))
        {
            try
            {
                shape = ComputeOutputShape([.. inputs.Select(i => i.KnownShape!.Value)]);
            }
            catch (ArgumentException error)
            {
                throw new ArgumentException($"{Name ?? TypeName} on {string.Join(", ", inputs.Select(i => i.ToString()))}: {error.Message}", error);
            }
        }
        return new SymbolicTensor(this, inputs, shape);
    }

    /// <summary>The per-sample output shape for a per-sample input shape; throws, naming both, when they do not fit.</summary>
    public abstract Shape ComputeOutputShape(Shape inputShape);

    /// <summary>Computes the layer on a batch; <paramref name="training"/> switches dropout-like behaviour.</summary>
    public abstract Tensor Forward(Graph graph, Tensor x, bool training);

    /// <summary>Keras's supports_masking: a layer that keeps the time axis (Dropout, TimeDistributed, an LSTM that
    /// returns sequences) passes its input's <see cref="Tensor.Mask"/> on to its output; the others drop it.</summary>
    public virtual bool PassesMaskOn => false;

    /// <summary>What models call: <see cref="Forward"/>, then the mask passed on when the layer keeps it and did not
    /// set one itself (an Embedding makes its own).</summary>
    public Tensor Call(Graph graph, Tensor x, bool training)
    {
        Tensor y = Forward(graph, x, training);
        if (y.Mask is null && x.Mask is not null && PassesMaskOn) y.Mask = x.Mask;
        return y;
    }

    /// <summary>The layer's settings (not its weights) as a JSON object with a <c>type</c> member.</summary>
    public abstract JsonObject GetConfig();

    protected virtual void CreateParameters(Shape inputShape, DeterministicRandom random)
    {
    }

    /// <summary>The stream a stochastic layer (noise, dropout, a VAE's sampling) draws from while training; null for
    /// the others. A checkpoint saves its state, so a resumed run draws the noise it would have drawn.</summary>
    internal virtual DeterministicRandom? RandomStream => null;

    protected Parameter AddParameter(string name, Shape shape, bool trainable = true)
    {
        ParameterBudget.Spend(shape.ElementCount, $"{name} {shape}");
        var parameter = new Parameter(name, new Tensor(shape), trainable);
        parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Makes a wrapped layer's parameter one of this layer's (TimeDistributed's inner layer), the same object.</summary>
    protected void AdoptParameter(Parameter parameter) => parameters.Add(parameter);

    protected JsonObject Config(params (string Key, JsonNode? Value)[] settings)
    {
        var config = new JsonObject { ["type"] = TypeName };
        foreach (var (key, value) in settings)
            if (value is not null) config[key] = value; // unset options are left out, so files show only what was chosen
        return config;
    }

    public override string ToString() => $"{Name ?? "?"} ({TypeName})";
}
