using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Nn.Regularizers;
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
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? activityRegularizer = null, Regularizer? kernelRegularizer = null)
    {
        if (kernelRegularizer is not null and not L1L2Regularizer)
            throw new ArgumentException($"expected an l1, l2 or l1_l2 kernel regularizer, received {kernelRegularizer.TypeName}");
        ActivityRegularizer = activityRegularizer;
        KernelRegularizer = kernelRegularizer;
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

    /// <summary>A penalty on the layer's outputs (sparse and contractive autoencoders put it on the code).</summary>
    public Regularizer? ActivityRegularizer { get; }

    public Regularizer? KernelRegularizer { get; }

    /// <summary>W (inputs, units); available once built.</summary>
    public Tensor Kernel => kernel?.Value ?? throw new InvalidOperationException($"layer {Name} is not built yet");

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

    public override Tensor Forward(Graph graph, Tensor x, bool training)
    {
        Tensor y = Activation.Apply(graph, graph.Linear(x, kernel!.Value, bias?.Value));
        if (ActivityRegularizer is not null) graph.AddLoss(ActivityRegularizer.ActivityPenalty(graph, y, this));
        if (KernelRegularizer is not null) graph.AddLoss(KernelRegularizer.WeightPenalty(graph, kernel.Value));
        return y;
    }

    public override JsonObject GetConfig() => Config(
        ("units", Units),
        ("activation", Activation.Name),
        ("use_bias", UseBias),
        ("kernel_initializer", KernelInitializer.Name),
        ("bias_initializer", BiasInitializer.Name),
        ("activity_regularizer", ActivityRegularizer?.GetConfig()),
        ("kernel_regularizer", KernelRegularizer?.GetConfig()));

    internal static Dense FromConfig(LayerConfig c) => new(
        c.RequiredInteger("units"), Activation.Parse(c.Text("activation")), c.Boolean("use_bias") ?? true,
        Initializer.Parse(c.Text("kernel_initializer") ?? Initializer.GlorotUniform.Name),
        Initializer.Parse(c.Text("bias_initializer") ?? Initializer.Zeros.Name),
        c.Object("activity_regularizer") is { } activity ? Regularizer.FromConfig(activity) : null,
        c.Object("kernel_regularizer") is { } weights ? Regularizer.FromConfig(weights) : null);
}
