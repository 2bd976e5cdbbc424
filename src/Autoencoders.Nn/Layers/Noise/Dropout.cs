using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>While training, zeroes each value with probability <see cref="Rate"/> and scales the rest by 1 / (1 − rate),
/// so the expected output equals the input (inverted dropout, as Keras and PyTorch); the identity otherwise.</summary>
public sealed class Dropout : Layer
{
    private DeterministicRandom? random;

    internal override DeterministicRandom? RandomStream => random;

    public Dropout(float rate)
    {
        RequireRate(rate);
        Rate = rate;
    }

    public override string TypeName => "Dropout";

    public override bool PassesMaskOn => true;

    public float Rate { get; }

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    protected override void CreateParameters(Shape inputShape, DeterministicRandom modelRandom) => random = modelRandom.Fork();

    public override Tensor Forward(Graph graph, Tensor x, bool training)
    {
        if (!training || Rate == 0f) return x;
        Tensor mask = graph.NewTensor(x.Shape);
        Span<float> values = mask.Span;
        float kept = 1f / (1f - Rate);
        DeterministicRandom stream = random!;
        for (int i = 0; i < values.Length; i++) values[i] = stream.NextFloat() < Rate ? 0f : kept;
        return graph.Multiply(x, mask);
    }

    public override JsonObject GetConfig() => Config(("rate", Rate));

    internal static Dropout FromConfig(LayerConfig c) => new(c.Real("rate") ?? throw c.Error("Dropout needs \"rate\""));

    internal static void RequireRate(float rate)
    {
        if (!(rate >= 0f && rate < 1f))
            throw new ArgumentException($"expected a rate in [0, 1), received {rate}");
    }
}
