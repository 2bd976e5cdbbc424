using System.Text.Json.Nodes;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>Keras's <c>RepeatVector(n)</c>: (F) → (n, F) per sample, the vector repeated as n steps, e.g. an LSTM's last
/// state fed to every step of a decoder. Backward sums over the copies.</summary>
public sealed class RepeatVector : Layer
{
    public RepeatVector(int n)
    {
        if (n <= 0)
            throw new ArgumentOutOfRangeException(nameof(n), $"expected a positive number of repeats, received {n}");
        N = n;
    }

    public override string TypeName => "RepeatVector";

    public int N { get; }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (inputShape.Rank != 1)
            throw new ArgumentException($"RepeatVector expected one vector (features) per sample, received shape {inputShape}");
        return new Shape(N, inputShape[0]);
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training) => graph.RepeatVector(x, N);

    public override JsonObject GetConfig() => Config(("n", N));

    internal static RepeatVector FromConfig(LayerConfig c) => new(c.RequiredInteger("n"));
}
