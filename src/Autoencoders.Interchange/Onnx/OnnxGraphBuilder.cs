using System.Runtime.InteropServices;
using Autoencoders.Tensors;
using Google.Protobuf;
using Onnx;

namespace Autoencoders.Interchange.Onnx;

/// <summary>
/// Builds one ONNX graph: weights as named initializers, nodes in topological order (the order they are added), and
/// the graph's inputs and outputs with a symbolic batch dimension. Every value name is unique; a name asked for twice
/// gets a numeric suffix, so emitters can name values after what they are without coordinating.
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>The symbolic first dimension of every graph input and output.</summary>
    public const string BatchDimension = "batch";

    private readonly GraphProto graph;
    private readonly HashSet<string> names = [];

    public OnnxGraphBuilder(string name) => graph = new GraphProto { Name = name };

    public GraphProto Graph => graph;

    /// <summary>Declares a graph input of per-sample shape <paramref name="sampleShape"/>, (batch, ...sampleShape).</summary>
    public string AddInput(string name, Shape sampleShape)
    {
        graph.Input.Add(ValueInfo(Claim(name), sampleShape));
        return name;
    }

    /// <summary>Makes <paramref name="value"/> a graph output called <paramref name="name"/>. The node that computes
    /// the value is renamed to write <paramref name="name"/> directly; a graph input passes through an Identity.</summary>
    public void AddOutput(string value, string name, Shape sampleShape)
    {
        NodeProto? producer = graph.Node.LastOrDefault(n => n.Output.Contains(value));
        if (producer is null || graph.Output.Any(o => o.Name == value))
        {
            Node("Identity", [value], name, exactName: true);
        }
        else
        {
            Claim(name);
            foreach (var node in graph.Node)
            {
                for (int i = 0; i < node.Input.Count; i++) if (node.Input[i] == value) node.Input[i] = name;
                for (int i = 0; i < node.Output.Count; i++) if (node.Output[i] == value) node.Output[i] = name;
            }
        }
        graph.Output.Add(ValueInfo(name, sampleShape));
    }

    /// <summary>A float initializer holding <paramref name="values"/> under <paramref name="dimensions"/>; returns its name.</summary>
    public string Initializer(string name, ReadOnlySpan<float> values, params long[] dimensions)
    {
        long count = dimensions.Aggregate(1L, (a, b) => a * b);
        if (count != values.Length)
            throw new ArgumentException($"initializer {name}: expected {count} values for dimensions [{string.Join(", ", dimensions)}], received {values.Length}");
        // raw_data is little-endian by the ONNX spec, which is what MemoryMarshal gives on every platform .NET runs here.
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw_data needs a little-endian machine");
        var tensor = new TensorProto { Name = Claim(name), DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)) };
        tensor.Dims.AddRange(dimensions);
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>An initializer of a parameter tensor, under its own shape.</summary>
    public string Initializer(string name, Tensor value) =>
        Initializer(name, value.Span, [.. value.Shape.ToArray().Select(d => (long)d)]);

    /// <summary>A 1-D int64 initializer, such as the target shape of a Reshape.</summary>
    public string Int64Initializer(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = Claim(name), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a node of the default (ai.onnx) domain with one output named after <paramref name="output"/>; returns that name.</summary>
    public string Node(string opType, IEnumerable<string> inputs, string output, params AttributeProto[] attributes) =>
        Node(opType, inputs, output, exactName: false, attributes);

    private string Node(string opType, IEnumerable<string> inputs, string output, bool exactName, params AttributeProto[] attributes)
    {
        string name = exactName ? Claim(output) : Unique(output);
        var node = new NodeProto { OpType = opType, Name = $"{name}/{opType}" };
        node.Input.AddRange(inputs);
        node.Output.Add(name);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return name;
    }

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Text(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    /// <summary>A graph input's or output's shape as text, e.g. <c>batch, 784</c>.</summary>
    public static string DescribeShape(ValueInfoProto value) =>
        string.Join(", ", value.Type.TensorType.Shape.Dim.Select(d => d.HasDimParam ? d.DimParam : d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static ValueInfoProto ValueInfo(string name, Shape sampleShape)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        foreach (int d in sampleShape.ToArray()) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape };
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }

    private string Claim(string name)
    {
        if (!names.Add(name)) throw new InvalidOperationException($"ONNX value name {name} is already in use");
        return name;
    }

    private string Unique(string stem)
    {
        string name = stem;
        for (int i = 1; !names.Add(name); i++) name = $"{stem}_{i}";
        return name;
    }
}
