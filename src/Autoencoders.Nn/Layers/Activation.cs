using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>A named elementwise activation, as Keras names them: linear, relu, leaky_relu, sigmoid, tanh, softplus, softmax.</summary>
public sealed record Activation
{
    public static readonly Activation Linear = new("linear");
    public static readonly Activation Relu = new("relu");
    public static readonly Activation LeakyRelu = new("leaky_relu");
    public static readonly Activation Sigmoid = new("sigmoid");
    public static readonly Activation Tanh = new("tanh");
    public static readonly Activation Softplus = new("softplus");
    public static readonly Activation Softmax = new("softmax");

    private static readonly Activation[] All = [Linear, Relu, LeakyRelu, Sigmoid, Tanh, Softplus, Softmax];

    private Activation(string name) => Name = name;

    public string Name { get; }

    public static IEnumerable<string> Names => All.Select(a => a.Name);

    /// <summary>The activation called <paramref name="name"/>; null or empty means linear.</summary>
    public static Activation Parse(string? name) =>
        string.IsNullOrEmpty(name) ? Linear
        : All.FirstOrDefault(a => a.Name == name.ToLowerInvariant())
          ?? throw new ArgumentException($"unknown activation \"{name}\", expected one of {string.Join(", ", Names)}");

    public Tensor Apply(Graph graph, Tensor x) => Name switch
    {
        "linear" => x,
        "relu" => graph.Relu(x),
        "leaky_relu" => graph.LeakyRelu(x, 0.01f),
        "sigmoid" => graph.Sigmoid(x),
        "tanh" => graph.Tanh(x),
        "softplus" => graph.Softplus(x),
        _ => graph.Softmax(x),
    };

    /// <summary>f'(a) from the activation's output y = f(a), for the contractive penalty: σ' = y (1 − y),
    /// tanh' = 1 − y², ReLU' = 1 where y &gt; 0 (a constant: it has no useful gradient), linear' = 1.</summary>
    public Tensor DerivativeFromOutput(Graph graph, Tensor y) => Name switch
    {
        "sigmoid" => graph.Multiply(y, graph.Affine(y, -1f, 1f)),
        "tanh" => graph.Affine(graph.Square(y), -1f, 1f),
        "linear" => graph.Ones(y.Shape),
        "relu" => StepOf(graph, y),
        _ => throw new ArgumentException($"the contractive penalty supports sigmoid, tanh, relu and linear codes, received {Name}"),
    };

    private static Tensor StepOf(Graph graph, Tensor y)
    {
        Tensor step = graph.NewTensor(y.Shape);
        ReadOnlySpan<float> values = y.Span;
        Span<float> result = step.Span;
        for (int i = 0; i < values.Length; i++) result[i] = values[i] > 0f ? 1f : 0f;
        return step;
    }

    public override string ToString() => Name;
}
