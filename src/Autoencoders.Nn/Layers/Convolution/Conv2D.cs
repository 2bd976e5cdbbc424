using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// A 2-D convolution over images (C, H, W), channels first: y = activation(kernel ⋆ x + bias), kernel (filters, C, k, k),
/// as PyTorch's Conv2d. Output (filters, ⌊(H + 2p − k) / s⌋ + 1, …). Computed as im2col + GEMM.
/// </summary>
public sealed class Conv2D : Layer
{
    private Parameter? kernel, bias;

    public Conv2D(int filters, int kernelSize, int strides = 1, Padding? padding = null, Activation? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null)
    {
        RequirePositive(filters, "filters");
        RequirePositive(kernelSize, "kernel size");
        RequirePositive(strides, "stride");
        (Filters, KernelSize, Strides, Padding, Activation, UseBias) = (filters, kernelSize, strides, padding ?? Padding.Valid, activation ?? Activation.Linear, useBias);
        _ = Padding.For(kernelSize);
        KernelInitializer = kernelInitializer ?? Initializer.GlorotUniform;
        BiasInitializer = biasInitializer ?? Initializer.Zeros;
    }

    public override string TypeName => "Conv2D";

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
        RequireImage(inputShape, TypeName);
        var g = ConvolutionGeometry.ForConvolution(inputShape[0], inputShape[1], inputShape[2], KernelSize, Strides, Padding.For(KernelSize));
        return new Shape(Filters, g.OutputHeight, g.OutputWidth);
    }

    protected override void CreateParameters(Shape inputShape, DeterministicRandom random)
    {
        int channels = inputShape[0], area = KernelSize * KernelSize;
        kernel = AddParameter("kernel", new Shape(Filters, channels, KernelSize, KernelSize));
        KernelInitializer.Fill(kernel.Value.Span, channels * area, Filters * area, random);
        if (UseBias)
        {
            bias = AddParameter("bias", new Shape(Filters));
            BiasInitializer.Fill(bias.Value.Span, channels * area, Filters * area, random);
        }
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training) =>
        Activation.Apply(graph, graph.Conv2D(x, kernel!.Value, bias?.Value, Strides, Padding.For(KernelSize)));

    public override JsonObject GetConfig() => Config(
        ("filters", Filters), ("kernel_size", KernelSize), ("strides", Strides), ("padding", Padding.ToJson()),
        ("activation", Activation.Name), ("use_bias", UseBias),
        ("kernel_initializer", KernelInitializer.Name), ("bias_initializer", BiasInitializer.Name));

    internal static Conv2D FromConfig(LayerConfig c) => new(
        c.RequiredInteger("filters"), c.RequiredInteger("kernel_size"), c.Integer("strides") ?? 1, ReadPadding(c),
        Activation.Parse(c.Text("activation")), c.Boolean("use_bias") ?? true,
        Initializer.Parse(c.Text("kernel_initializer") ?? Initializer.GlorotUniform.Name),
        Initializer.Parse(c.Text("bias_initializer") ?? Initializer.Zeros.Name));

    internal static Padding ReadPadding(LayerConfig c) =>
        c.Json["padding"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? Padding.Explicit(c.Integer("padding")!.Value)
            : Padding.Parse(c.Text("padding"));

    internal static void RequirePositive(int value, string what)
    {
        if (value <= 0) throw new ArgumentException($"expected a positive {what}, received {value}");
    }

    internal static void RequireImage(Shape inputShape, string layer)
    {
        if (inputShape.Rank != 3)
            throw new ArgumentException($"{layer} expected images (channels, height, width), received {inputShape}; put a Reshape first, e.g. Reshape [1, 28, 28]");
    }
}
