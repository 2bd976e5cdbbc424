using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Graphs;

/// <summary>
/// The one mechanism every model runs on: layer calls in topological order, each reading the values of earlier
/// calls or of the graph's inputs. A Sequential model is the special case of a chain (each call reads the one before),
/// an autoencoder is two graphs (encoder, then decoder on the code), and a functional model is any graph: several
/// inputs and outputs, skip connections, shared layers (one layer called more than once, its weights shared).
/// Values live in an array of slots: the inputs first, then one slot per call.
/// </summary>
internal sealed class LayerGraph
{
    private readonly SymbolicTensor[] inputs, outputs;
    private readonly SymbolicTensor[] nodes;   // the layer calls, in topological order
    private readonly int[][] inputSlots;       // for each call, the slots it reads
    private readonly int[] outputSlots;

    public LayerGraph(IReadOnlyList<SymbolicTensor> inputs, IReadOnlyList<SymbolicTensor> outputs)
    {
        if (inputs.Count == 0) throw new ArgumentException("a model graph needs at least one input");
        if (outputs.Count == 0) throw new ArgumentException("a model graph needs at least one output");
        foreach (var input in inputs)
            if (!input.IsInput)
                throw new ArgumentException($"{input} is a layer's output, not an input: model inputs come from Input(shape)");
        var duplicate = inputs.GroupBy(i => i.InputName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"two inputs are named \"{duplicate.Key}\": give each Input its own name");
        this.inputs = [.. inputs];
        this.outputs = [.. outputs];
        var slots = new Dictionary<SymbolicTensor, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < this.inputs.Length; i++) slots[this.inputs[i]] = i;
        var order = new List<SymbolicTensor>();
        foreach (var output in this.outputs) Visit(output, slots, order);
        nodes = [.. order];
        inputSlots = [.. nodes.Select(n => n.Inputs.Select(i => slots[i]).ToArray())];
        outputSlots = [.. this.outputs.Select(o => slots[o])];
    }

    /// <summary>A chain of <paramref name="layers"/> on one input whose shape the model is built on.</summary>
    public static LayerGraph Chain(IEnumerable<Layer> layers, string inputName = "input")
    {
        SymbolicTensor input = SymbolicTensor.Placeholder(inputName), x = input;
        foreach (var layer in layers) x = new SymbolicTensor(layer, [x], null);
        if (ReferenceEquals(x, input)) throw new ArgumentException("a chain needs at least one layer");
        return new LayerGraph([input], [x]);
    }

    // Depth first from the outputs: a call joins the order after every call it reads. Graphs made of SymbolicTensors
    // cannot be cyclic (a tensor's inputs exist before it); model files are checked for cycles when read.
    private void Visit(SymbolicTensor tensor, Dictionary<SymbolicTensor, int> slots, List<SymbolicTensor> order)
    {
        if (slots.ContainsKey(tensor)) return;
        if (tensor.IsInput)
            throw new ArgumentException($"the outputs depend on {tensor}, which is not among the model's inputs ({string.Join(", ", inputs.Select(i => i.InputName))})");
        foreach (var input in tensor.Inputs) Visit(input, slots, order);
        slots[tensor] = inputs.Length + order.Count;
        order.Add(tensor);
    }

    public IReadOnlyList<SymbolicTensor> Inputs => inputs;

    /// <summary>The per-sample shape of each input the graph was built on; empty before <see cref="Build"/>.</summary>
    public IReadOnlyList<Shape> InputShapes { get; private set; } = [];

    public IReadOnlyList<SymbolicTensor> Outputs => outputs;

    /// <summary>The layer calls in the order they run.</summary>
    public IReadOnlyList<SymbolicTensor> Nodes => nodes;

    /// <summary>Every layer once, in the order of its first call.</summary>
    public IEnumerable<Layer> Layers => nodes.Select(n => n.Layer!).Distinct();

    /// <summary>One input, one output, and each call reads the one before: what Sequential and the ONNX export need.</summary>
    public bool IsChain => inputs.Length == 1 && outputs.Length == 1 && ReferenceEquals(outputs[0], nodes[^1])
        && nodes.Select((n, i) => n.Inputs.Count == 1 && ReferenceEquals(n.Inputs[0], i == 0 ? inputs[0] : nodes[i - 1])).All(ok => ok);

    /// <summary>The name other calls refer to this call's output by: the layer's name, then <c>name:1</c>, <c>name:2</c>…
    /// for a shared layer's later calls (or the name a model file gave it); an input's name for an input.</summary>
    public string NameOf(SymbolicTensor tensor)
    {
        if (tensor.IsInput) return tensor.InputName!;
        if (tensor.NodeName is not null) return tensor.NodeName;
        int call = 0;
        foreach (var node in nodes)
        {
            if (ReferenceEquals(node, tensor)) break;
            if (ReferenceEquals(node.Layer, tensor.Layer)) call++;
        }
        string layer = tensor.Layer!.Name ?? tensor.Layer.TypeName;
        return call == 0 ? layer : $"{layer}:{call}";
    }

    /// <summary>Builds every layer on the shapes its inputs have for model inputs of <paramref name="inputShapes"/>;
    /// returns the output shapes. Errors name the call (<c>where[i] name (Type)</c>) and what did not fit.</summary>
    public Shape[] Build(IReadOnlyList<Shape> inputShapes, DeterministicRandom random, string where)
    {
        if (inputShapes.Count != inputs.Length)
            throw new ArgumentException($"{where} has {inputs.Length} inputs, received {inputShapes.Count} shapes");
        var shapes = new Shape[inputs.Length + nodes.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i].KnownShape is { } declared && declared != inputShapes[i])
                throw new ArgumentException($"{where}: input {inputs[i].InputName} is declared {declared}, received {inputShapes[i]}");
            shapes[i] = inputShapes[i];
        }
        for (int n = 0; n < nodes.Length; n++)
        {
            Layer layer = nodes[n].Layer!;
            try
            {
                layer.Build([.. inputSlots[n].Select(s => shapes[s])], random);
            }
            catch (Exception error) when (error is ArgumentException or InvalidOperationException or OverflowException)
            {
                string message = error is OverflowException ? "sizes exceed 2^31 - 1 elements" : error.Message;
                string on = string.Join(", ", inputSlots[n].Select(s => s < inputs.Length ? NameOf(inputs[s]) : NameOf(nodes[s - inputs.Length])));
                string node = nodes.Length == 1 || IsChain ? $"{where}[{n}] {layer}" : $"{where}[{n}] {layer} on {on}";
                throw new ArgumentException($"{node}: {message}", error);
            }
            shapes[inputs.Length + n] = layer.OutputShape;
        }
        InputShapes = shapes[..inputs.Length];
        return [.. outputSlots.Select(s => shapes[s])];
    }

    /// <summary>Runs the graph on a batch per input; the returned array (from the graph's arena) holds every slot's
    /// value: the inputs, then each call's output. <paramref name="calls"/> stops after that many calls.</summary>
    public Tensor[] Run(Graph graph, ReadOnlySpan<Tensor> batches, bool training, int calls = int.MaxValue)
    {
        Tensor[] values = graph.NewTensorList(inputs.Length + nodes.Length);
        batches.CopyTo(values);
        int count = Math.Min(calls, nodes.Length);
        for (int n = 0; n < count; n++)
        {
            int[] reads = inputSlots[n];
            Layer layer = nodes[n].Layer!;
            if (reads.Length == 1)
            {
                values[inputs.Length + n] = layer.Call(graph, values[reads[0]], training);
                continue;
            }
            Tensor[] operands = graph.NewTensorList(reads.Length);
            for (int i = 0; i < reads.Length; i++) operands[i] = values[reads[i]];
            values[inputs.Length + n] = layer.Call(graph, operands, training);
        }
        return values;
    }

    /// <summary>The slot of output <paramref name="index"/> in the array <see cref="Run"/> returns.</summary>
    public int OutputSlot(int index) => outputSlots[index];

    /// <summary>The slots call <paramref name="node"/> reads.</summary>
    public IReadOnlyList<int> InputSlotsOf(int node) => inputSlots[node];

    /// <summary>Runs a graph of one input and one output.</summary>
    public Tensor RunSingle(Graph graph, Tensor x, bool training) => Run(graph, [x], training)[outputSlots[0]];
}
