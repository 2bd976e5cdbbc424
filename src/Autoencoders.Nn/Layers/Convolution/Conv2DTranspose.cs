using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// A transposed ("de-") convolution, channels first, as PyTorch's ConvTranspose2d: kernel (C, filters, k, k),
/// output (filters, (H − 1)·s − 2p + k + output padding, …). Padding "same" gives H·s, the decoder's upsampling step
/// (p = ⌈(k − s) / 2⌉ and the output padding that makes up the rest; k 3, s 2 is PyTorch's padding 1, output padding 1).
/// </summary>
public sealed class Conv2DTranspose : Layer
{
    private Parameter? kernel, bias;

    public Conv2DTranspose(int filters, int kernelSize, int strides = 1, Padding? padding = null, int? outputPadding = null,
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
        _ = PixelsAndOutputPadding();
    }

    public override string TypeName => "Conv2DTranspose";

    public int Filters { get; }

    public int KernelSize { get; }

    public int Strides { get; }

    public Padding Padding { get; }

    /// <summary>Extra rows and columns at the end of the output; null derives it from the padding.</summary>
    public int? OutputPadding { get; }

    public Activation Activation { get; }

    public bool UseBias { get; }

    public Initializer KernelInitializer { get; }

    public Initializer BiasInitializer { get; }

    /// <summary>The padding p and output padding of PyTorch's form.</summary>
    public (int Padding, int OutputPadding) PixelsAndOutputPadding() => PixelsAndOutputPadding(Padding, KernelSize, Strides, OutputPadding);

    /// <summary>p and the output padding of a transposed convolution (2-D or 1-D) along one axis: "same" gives length·s.</summary>
    internal static (int Padding, int OutputPadding) PixelsAndOutputPadding(Padding padding, int kernelSize, int strides, int? outputPadding)
    {
        if (padding.Name == "same")
        {
            int pixels = Math.Max(0, (kernelSize - strides + 1) / 2);
            return (pixels, outputPadding ?? 2 * pixels - (kernelSize - strides));
        }
        int explicitPixels = padding.For(kernelSize);
        int extra = outputPadding ?? 0;
        if (extra < 0 || extra >= strides)
            throw new ArgumentException($"expected an output padding in [0, {strides}) for stride {strides}, received {extra}");
        return (explicitPixels, extra);
    }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        Conv2D.RequireImage(inputShape, TypeName);
        var (pixels, outputPadding) = PixelsAndOutputPadding();
        var g = ConvolutionGeometry.ForTransposed(Filters, inputShape[1], inputShape[2], KernelSize, Strides, pixels, outputPadding);
        return new Shape(Filters, g.Height, g.Width);
    }

    // Fans as PyTorch computes them from the weight (C, filters, k, k): fan-in = filters·k·k.
    protected override void CreateParameters(Shape inputShape, DeterministicRandom random)
    {
        int channels = inputShape[0], area = KernelSize * KernelSize;
        kernel = AddParameter("kernel", new Shape(channels, Filters, KernelSize, KernelSize));
        KernelInitializer.Fill(kernel.Value.Span, Filters * area, channels * area, random);
        if (UseBias)
        {
            bias = AddParameter("bias", new Shape(Filters));
            BiasInitializer.Fill(bias.Value.Span, Filters * area, channels * area, random);
        }
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training)
    {
        var (pixels, outputPadding) = PixelsAndOutputPadding();
        return Activation.Apply(graph, graph.Conv2DTranspose(x, kernel!.Value, bias?.Value, Strides, pixels, outputPadding));
    }

    public override JsonObject GetConfig() => Config(
        ("filters", Filters), ("kernel_size", KernelSize), ("strides", Strides), ("padding", Padding.ToJson()),
        ("output_padding", OutputPadding), ("activation", Activation.Name), ("use_bias", UseBias),
        ("kernel_initializer", KernelInitializer.Name), ("bias_initializer", BiasInitializer.Name));

    internal static Conv2DTranspose FromConfig(LayerConfig c) => new(
        c.RequiredInteger("filters"), c.RequiredInteger("kernel_size"), c.Integer("strides") ?? 1, Conv2D.ReadPadding(c),
        c.Integer("output_padding"), Activation.Parse(c.Text("activation")), c.Boolean("use_bias") ?? true,
        Initializer.Parse(c.Text("kernel_initializer") ?? Initializer.GlorotUniform.Name),
        Initializer.Parse(c.Text("bias_initializer") ?? Initializer.Zeros.Name));
}
