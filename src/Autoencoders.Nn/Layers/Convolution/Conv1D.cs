using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// A 1-D convolution over sequences (T, C), channels last as Keras's Conv1D: y = activation(kernel ⋆ x + bias), kernel
/// (filters, C, k) as PyTorch's Conv1d weight. Output (⌊(T + 2p − k) / s⌋ + 1, filters); "same" pads (k − 1) / 2 steps
/// at each end, so stride s gives ⌈T / s⌉ steps as in Keras, with the windows aligned as PyTorch's (see
/// <see cref="Padding"/>). Computed by the 2-D engine as a 1 × k kernel on a 1 × T image.
/// </summary>
public sealed class Conv1D : Layer
{
    private Parameter? kernel, bias;

    public Conv1D(int filters, int kernelSize, int strides = 1, Padding? padding = null, Activation? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null)
    {
        Conv2D.RequirePositive(filters, "filters");
        Conv2D.RequirePositive(kernelSize, "kernel size");
        Conv2D.RequirePositive(strides, "stride");
        (Filters, KernelSize, Strides, Padding, Activation, UseBias) = (filters, kernelSize, strides, padding ?? Padding.Valid, activation ?? Activation.Linear, useBias);
        _ = Padding.For(kernelSize);
        KernelInitializer = kernelInitializer ?? Initializer.GlorotUniform;
        BiasInitializer = biasInitializer ?? Initializer.Zeros;
    }

    public override string TypeName => "Conv1D";

    public int Filters { get; }

    public int KernelSize { get; }

    public int Strides { get; }

    public Padding Padding { get; }

    public Activation Activation { get; }

    public bool UseBias { get; }

    public Initializer KernelInitializer { get; }

    public Initializer BiasInitializer { get; }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        RequireSequence(inputShape, TypeName);
        var g = ConvolutionGeometry.ForConvolution(inputShape[1], 1, inputShape[0], (1, KernelSize), (1, Strides), (0, Padding.For(KernelSize)));
        return new Shape(g.OutputWidth, Filters);
    }

    // Fans as Keras computes them: fan-in = C·k, fan-out = filters·k.
    protected override void CreateParameters(Shape inputShape, DeterministicRandom random)
    {
        int channels = inputShape[1];
        kernel = AddParameter("kernel", new Shape(Filters, channels, KernelSize));
        KernelInitializer.Fill(kernel.Value.Span, channels * KernelSize, Filters * KernelSize, random);
        if (UseBias)
        {
            bias = AddParameter("bias", new Shape(Filters));
            BiasInitializer.Fill(bias.Value.Span, channels * KernelSize, Filters * KernelSize, random);
        }
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training) =>
        Activation.Apply(graph, graph.Conv1D(x, kernel!.Value, bias?.Value, Strides, Padding.For(KernelSize)));

    public override JsonObject GetConfig() => Config(
        ("filters", Filters), ("kernel_size", KernelSize), ("strides", Strides), ("padding", Padding.ToJson()),
        ("activation", Activation.Name), ("use_bias", UseBias),
        ("kernel_initializer", KernelInitializer.Name), ("bias_initializer", BiasInitializer.Name));

    internal static Conv1D FromConfig(LayerConfig c) => new(
        c.RequiredInteger("filters"), c.RequiredInteger("kernel_size"), c.Integer("strides") ?? 1, Conv2D.ReadPadding(c),
        Activation.Parse(c.Text("activation")), c.Boolean("use_bias") ?? true,
        Initializer.Parse(c.Text("kernel_initializer") ?? Initializer.GlorotUniform.Name),
        Initializer.Parse(c.Text("bias_initializer") ?? Initializer.Zeros.Name));

    internal static void RequireSequence(Shape inputShape, string layer)
    {
        if (inputShape.Rank != 2)
            throw new ArgumentException($"{layer} expected sequences (steps, channels), received {inputShape}; put a Reshape first, e.g. Reshape [288, 1]");
    }
}
