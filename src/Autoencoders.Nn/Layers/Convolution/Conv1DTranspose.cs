using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// A transposed 1-D convolution over sequences (T, C), channels last as Keras's Conv1DTranspose, kernel (C, filters, k)
/// as PyTorch's ConvTranspose1d weight: output ((T − 1)·s − 2p + k + output padding, filters). Padding "same" gives
/// T·s steps, as Keras's (p and the output padding as <see cref="Conv2DTranspose"/> derives them; k 7, s 2 is PyTorch's
/// padding 3, output padding 1).
/// </summary>
public sealed class Conv1DTranspose : Layer
{
    private Parameter? kernel, bias;

    public Conv1DTranspose(int filters, int kernelSize, int strides = 1, Padding? padding = null, int? outputPadding = null,
        Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null)
    {
        Conv2D.RequirePositive(filters, "filters");
        Conv2D.RequirePositive(kernelSize, "kernel size");
        Conv2D.RequirePositive(strides, "stride");
        (Filters, KernelSize, Strides, Padding, OutputPadding) = (filters, kernelSize, strides, padding ?? Padding.Valid, outputPadding);
        Activation = activation ?? Activation.Linear;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? Initializer.GlorotUniform;
        BiasInitializer = biasInitializer ?? Initializer.Zeros;
        _ = StepsAndOutputPadding();
    }

    public override string TypeName => "Conv1DTranspose";

    public int Filters { get; }

    public int KernelSize { get; }

    public int Strides { get; }

    public Padding Padding { get; }

    /// <summary>Extra steps at the end of the output; null derives it from the padding.</summary>
    public int? OutputPadding { get; }

    public Activation Activation { get; }

    public bool UseBias { get; }

    public Initializer KernelInitializer { get; }

    public Initializer BiasInitializer { get; }

    /// <summary>The padding p and output padding of PyTorch's form.</summary>
    public (int Padding, int OutputPadding) StepsAndOutputPadding() =>
        Conv2DTranspose.PixelsAndOutputPadding(Padding, KernelSize, Strides, OutputPadding);

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        Conv1D.RequireSequence(inputShape, TypeName);
        var (steps, outputPadding) = StepsAndOutputPadding();
        var g = ConvolutionGeometry.ForTransposed(Filters, 1, inputShape[0], (1, KernelSize), (1, Strides), (0, steps), (0, outputPadding));
        return new Shape(g.Width, Filters);
    }

    // Fans as Keras computes them from its kernel (k, filters, C): fan-in = filters·k, fan-out = C·k.
    protected override void CreateParameters(Shape inputShape, DeterministicRandom random)
    {
        int channels = inputShape[1];
        kernel = AddParameter("kernel", new Shape(channels, Filters, KernelSize));
        KernelInitializer.Fill(kernel.Value.Span, Filters * KernelSize, channels * KernelSize, random);
        if (UseBias)
        {
            bias = AddParameter("bias", new Shape(Filters));
            BiasInitializer.Fill(bias.Value.Span, Filters * KernelSize, channels * KernelSize, random);
        }
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training)
    {
        var (steps, outputPadding) = StepsAndOutputPadding();
        return Activation.Apply(graph, graph.Conv1DTranspose(x, kernel!.Value, bias?.Value, Strides, steps, outputPadding));
    }

    public override JsonObject GetConfig() => Config(
        ("filters", Filters), ("kernel_size", KernelSize), ("strides", Strides), ("padding", Padding.ToJson()),
        ("output_padding", OutputPadding), ("activation", Activation.Name), ("use_bias", UseBias),
        ("kernel_initializer", KernelInitializer.Name), ("bias_initializer", BiasInitializer.Name));

    internal static Conv1DTranspose FromConfig(LayerConfig c) => new(
        c.RequiredInteger("filters"), c.RequiredInteger("kernel_size"), c.Integer("strides") ?? 1, Conv2D.ReadPadding(c),
        c.Integer("output_padding"), Activation.Parse(c.Text("activation")), c.Boolean("use_bias") ?? true,
        Initializer.Parse(c.Text("kernel_initializer") ?? Initializer.GlorotUniform.Name),
        Initializer.Parse(c.Text("bias_initializer") ?? Initializer.Zeros.Name));
}
