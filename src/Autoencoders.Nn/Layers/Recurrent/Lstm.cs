using System.Text.Json.Nodes;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// Keras's <c>LSTM(units, return_sequences=False)</c>: PyTorch's equations and gate order (i, f, g, o) over inputs (T, C)
/// per sample, zero initial state (see <see cref="Graph.Lstm"/>). Parameters: kernel (4H, C), recurrent_kernel (4H, H),
/// bias (4H): 4·(H·(C + H) + H) as Keras counts them. PyTorch's nn.LSTM has two bias vectors (b_ih and b_hh, which only
/// ever appear summed), so it counts 4H more per layer for the same function. unit_forget_bias (default true, as Keras)
/// starts the forget gate's bias at 1 (Jozefowicz et al. 2015).
/// </summary>
public sealed class Lstm(int units, bool returnSequences = false, string activation = "tanh", string recurrentActivation = "sigmoid",
    Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null, bool unitForgetBias = true)
    : RecurrentLayer(units, returnSequences, activation, recurrentActivation, kernelInitializer, recurrentInitializer, biasInitializer)
{
    public override string TypeName => "LSTM";

    public bool UnitForgetBias { get; } = unitForgetBias;

    private protected override int Gates => 4;

    private protected override Shape BiasShape => new(4 * Units);

    private protected override void AdjustBias(Span<float> bias)
    {
        if (UnitForgetBias) bias.Slice(Units, Units).Fill(1f);
    }

    private protected override Tensor Run(Graph graph, Tensor x, Tensor? mask) =>
        graph.Lstm(x, KernelParameter!.Value, RecurrentKernelParameter!.Value, BiasParameter!.Value, mask, ReturnSequences);

    public override JsonObject GetConfig() => Config([.. CommonConfig(), ("unit_forget_bias", UnitForgetBias)]);

    internal static Lstm FromConfig(LayerConfig c)
    {
        var (units, sequences, activation, recurrentActivation, kernel, recurrent, bias) = ReadCommon(c);
        return new Lstm(units, sequences, activation, recurrentActivation, kernel, recurrent, bias, c.Boolean("unit_forget_bias") ?? true);
    }
}
