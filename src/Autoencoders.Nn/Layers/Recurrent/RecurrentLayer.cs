using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// What <see cref="Lstm"/> and <see cref="Gru"/> share, as Keras 3's RNN layers: inputs (T, C) per sample (batch-first,
/// channels-last), <c>units</c> H, <c>return_sequences</c> (every step's output (T, H), else the last (H)), tanh and
/// sigmoid activations (the only ones the fused kernels compute; others are refused), Glorot-uniform input kernel,
/// orthogonal recurrent kernel, zero bias. Mask-aware: a mask on the input (Keras's _keras_mask) marks padded steps,
/// which carry the state over; with return_sequences the mask is passed on.
/// Weights are stored in PyTorch's layout, gate-major: kernel (G·H, C) and recurrent_kernel (G·H, H), the transposes of
/// Keras's (C, G·H) and (H, G·H), so that a GEMM reads them without a copy.
/// </summary>
public abstract class RecurrentLayer : Layer
{
    private protected RecurrentLayer(int units, bool returnSequences, string activation, string recurrentActivation,
        Initializer? kernelInitializer, Initializer? recurrentInitializer, Initializer? biasInitializer)
    {
        if (units <= 0)
            throw new ArgumentOutOfRangeException(nameof(units), $"expected a positive number of units, received {units}");
        if (activation != "tanh")
            throw new ArgumentException($"{TypeName} computes activation \"tanh\" only (its fused kernel), received \"{activation}\"");
        if (recurrentActivation != "sigmoid")
            throw new ArgumentException($"{TypeName} computes recurrent_activation \"sigmoid\" only (its fused kernel), received \"{recurrentActivation}\"");
        Units = units;
        ReturnSequences = returnSequences;
        KernelInitializer = kernelInitializer ?? Initializer.GlorotUniform;
        RecurrentInitializer = recurrentInitializer ?? Initializer.Orthogonal;
        BiasInitializer = biasInitializer ?? Initializer.Zeros;
    }

    public int Units { get; }

    public bool ReturnSequences { get; }

    public Initializer KernelInitializer { get; }

    public Initializer RecurrentInitializer { get; }

    public Initializer BiasInitializer { get; }

    /// <summary>Gates per unit: 4 for the LSTM (i, f, g, o), 3 for the GRU (r, z, n).</summary>
    private protected abstract int Gates { get; }

    private protected Parameter? KernelParameter, RecurrentKernelParameter, BiasParameter;

    /// <summary>The input kernel W_ih (G·H, C); available once built.</summary>
    public Tensor Kernel => KernelParameter?.Value ?? throw new InvalidOperationException($"layer {Name} is not built yet");

    /// <summary>The recurrent kernel W_hh (G·H, H); available once built.</summary>
    public Tensor RecurrentKernel => RecurrentKernelParameter?.Value ?? throw new InvalidOperationException($"layer {Name} is not built yet");

    public Tensor Bias => BiasParameter?.Value ?? throw new InvalidOperationException($"layer {Name} is not built yet");

    public override bool PassesMaskOn => ReturnSequences;

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (inputShape.Rank != 2 || inputShape.ElementCount == 0)
            throw new ArgumentException($"{TypeName} expected inputs (steps, features) per sample, received shape {inputShape}");
        return ReturnSequences ? new Shape(inputShape[0], Units) : new Shape(Units);
    }

    protected override void CreateParameters(Shape inputShape, DeterministicRandom random)
    {
        int inputs = inputShape[1], gateRows = Gates * Units;
        // Keras's fans: kernel (C, G·H), recurrent kernel (H, G·H). Glorot depends on fan-in + fan-out only, so it fills
        // our transposed layout alike; the orthogonal one is made for our (G·H, H), which is orthonormal in its columns
        // where Keras's (H, G·H) is in its rows: the same matrix transposed.
        KernelParameter = AddParameter("kernel", new Shape(gateRows, inputs));
        KernelInitializer.Fill(KernelParameter.Value.Span, inputs, gateRows, random);
        RecurrentKernelParameter = AddParameter("recurrent_kernel", new Shape(gateRows, Units));
        // Orthogonal reads its two numbers as the stored matrix's rows × columns; the others as Keras's fans (in H, out G·H).
        bool orthogonal = RecurrentInitializer == Initializer.Orthogonal;
        RecurrentInitializer.Fill(RecurrentKernelParameter.Value.Span, orthogonal ? gateRows : Units, orthogonal ? Units : gateRows, random);
        BiasParameter = AddParameter("bias", BiasShape);
        BiasInitializer.Fill(BiasParameter.Value.Span, inputs, gateRows, random);
        AdjustBias(BiasParameter.Value.Span);
    }

    private protected abstract Shape BiasShape { get; }

    /// <summary>After the bias initializer: the LSTM's unit_forget_bias.</summary>
    private protected virtual void AdjustBias(Span<float> bias)
    {
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training) => Run(graph, x, x.Mask);

    private protected abstract Tensor Run(Graph graph, Tensor x, Tensor? mask);

    private protected (string Key, JsonNode? Value)[] CommonConfig() =>
    [
        ("units", Units),
        ("activation", "tanh"),
        ("recurrent_activation", "sigmoid"),
        ("return_sequences", ReturnSequences),
        ("kernel_initializer", KernelInitializer.Name),
        ("recurrent_initializer", RecurrentInitializer.Name),
        ("bias_initializer", BiasInitializer.Name),
    ];

    private protected static (int Units, bool ReturnSequences, string Activation, string RecurrentActivation, Initializer Kernel, Initializer Recurrent, Initializer Bias)
        ReadCommon(LayerConfig c)
    {
        if (c.Boolean("use_bias") == false)
            throw c.Error($"{c.Type} has a bias always, received \"use_bias\": false");
        if (c.Boolean("return_state") == true)
            throw c.Error($"{c.Type} does not return its state (\"return_state\": true is not supported)");
        // Settings that would change what the layer computes are refused rather than ignored.
        foreach (string key in (ReadOnlySpan<string>)["dropout", "recurrent_dropout"])
            if (c.Real(key) is { } rate && rate != 0f)
                throw c.Error($"{c.Type} has no {key}, expected 0, received {rate} (put a Dropout layer before it)");
        foreach (string key in (ReadOnlySpan<string>)["go_backwards", "stateful", "unroll"])
            if (c.Boolean(key) == true)
                throw c.Error($"{c.Type} does not support \"{key}\": true");
        return (c.RequiredInteger("units"), c.Boolean("return_sequences") ?? false, c.Text("activation") ?? "tanh",
            c.Text("recurrent_activation") ?? "sigmoid",
            Initializer.Parse(c.Text("kernel_initializer") ?? Initializer.GlorotUniform.Name),
            Initializer.Parse(c.Text("recurrent_initializer") ?? Initializer.Orthogonal.Name),
            Initializer.Parse(c.Text("bias_initializer") ?? Initializer.Zeros.Name));
    }
}
