using System.Text.Json.Nodes;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// Keras's <c>GRU(units, return_sequences=False)</c> with its default reset_after=True, which is PyTorch's nn.GRU: gate
/// order (r, z, n), the reset gate applied after the recurrent product (see <see cref="Graph.Gru"/>). Parameters: kernel
/// (3H, C), recurrent_kernel (3H, H), bias (2, 3H) = the input bias then the recurrent bias, as Keras stores them:
/// 3·H·(C + H) + 6H, the same count as PyTorch's.
/// </summary>
public sealed class Gru(int units, bool returnSequences = false, string activation = "tanh", string recurrentActivation = "sigmoid",
    Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null)
    : RecurrentLayer(units, returnSequences, activation, recurrentActivation, kernelInitializer, recurrentInitializer, biasInitializer)
{
    public override string TypeName => "GRU";

    private protected override int Gates => 3;

    private protected override Shape BiasShape => new(2, 3 * Units);

    private protected override Tensor Run(Graph graph, Tensor x, Tensor? mask) =>
        graph.Gru(x, KernelParameter!.Value, RecurrentKernelParameter!.Value, BiasParameter!.Value, mask, ReturnSequences);

    public override JsonObject GetConfig() => Config([.. CommonConfig(), ("reset_after", true)]);

    internal static Gru FromConfig(LayerConfig c)
    {
        if (c.Boolean("reset_after") == false)
            throw c.Error("GRU computes reset_after=True only (PyTorch's form), received \"reset_after\": false");
        var (units, sequences, activation, recurrentActivation, kernel, recurrent, bias) = ReadCommon(c);
        return new Gru(units, sequences, activation, recurrentActivation, kernel, recurrent, bias);
    }
}
