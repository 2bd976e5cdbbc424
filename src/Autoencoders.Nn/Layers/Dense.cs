using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// A fully connected layer: y = activation(x · W + b), W (inputs, units), b (units). It reads each sample as
/// a flat vector (a 28×28 image as 784 values), as a Flatten before it would.
/// </summary>
public sealed class Dense : Layer
{
    private Parameter? kernel, bias;

    public Dense(int units, Activation? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null)
    {
        if (units <= 0)
            throw new ArgumentOutOfRangeException(nameof(units), $"expected a positive number of units, received {units}");
        Units = units;
        Activation = activation ?? Activation.Linear;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? Initializer.GlorotUniform;
        BiasInitializer = biasInitializer ?? Initializer.Zeros;
    }

    public override string TypeName => "Dense";

    public int Units { get; }

    public Activation Activation { get; }

    public bool UseBias { get; }

    public Initializer KernelInitializer { get; }

    public Initializer BiasInitializer { get; }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (inputShape.Rank == 0 || inputShape.ElementCount == 0)
            throw new ArgumentException($"Dense expected inputs with at least one feature, received shape {inputShape}");
        return new Shape(Units);
    }

    protected override void CreateParameters(Shape inputShape, DeterministicRandom random)
    {
        int inputs = inputShape.ElementCount;
        kernel = AddParameter("kernel", new Shape(inputs, Units));
        KernelInitializer.Fill(kernel.Value.Span, inputs, Units, random);
        if (UseBias)
        {
            bias = AddParameter("bias", new Shape(Units));
            BiasInitializer.Fill(bias.Value.Span, inputs, Units, random);
        }
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training) =>
        Activation.Apply(graph, graph.Linear(x, kernel!.Value, bias?.Value));

    public override JsonObject GetConfig() => Config(
        ("units", Units),
        ("activation", Activation.Name),
        ("use_bias", UseBias),
        ("kernel_initializer", KernelInitializer.Name),
        ("bias_initializer", BiasInitializer.Name));
}
