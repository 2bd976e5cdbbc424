using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// Batch normalisation (Ioffe &amp; Szegedy 2015) per channel (axis 1 of the batch: image channels, or features):
/// y = γ (x − μ) / √(σ² + ε) + β. Training normalises with the batch's statistics and moves the moving ones towards
/// them, moving = momentum · moving + (1 − momentum) · batch (Keras's form, momentum 0.99, ε 1e-3); inference uses the
/// moving ones. γ and β are trainable; the moving mean and variance are non-trainable parameters, counted as such.
/// </summary>
public sealed class BatchNormalization : Layer
{
    private Parameter? gamma, beta, movingMean, movingVariance;

    public BatchNormalization(float momentum = 0.99f, float epsilon = 1e-3f)
    {
        if (!(momentum >= 0f && momentum < 1f))
            throw new ArgumentException($"expected a momentum in [0, 1), received {momentum}");
        if (!(epsilon > 0f))
            throw new ArgumentException($"expected a positive epsilon, received {epsilon}");
        (Momentum, Epsilon) = (momentum, epsilon);
    }

    public override string TypeName => "BatchNormalization";

    public float Momentum { get; }

    public float Epsilon { get; }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (inputShape.Rank is not (1 or 3))
            throw new ArgumentException($"BatchNormalization expected features (F) or images (C, H, W), received {inputShape}");
        return inputShape;
    }

    protected override void CreateParameters(Shape inputShape, DeterministicRandom random)
    {
        var channels = new Shape(inputShape[0]);
        gamma = AddParameter("gamma", channels);
        beta = AddParameter("beta", channels);
        movingMean = AddParameter("moving_mean", channels, trainable: false);
        movingVariance = AddParameter("moving_variance", channels, trainable: false);
        gamma.Value.Span.Fill(1f);
        beta.Value.Span.Clear();
        movingMean.Value.Span.Clear();
        movingVariance.Value.Span.Fill(1f);
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training) =>
        graph.BatchNorm(x, gamma!.Value, beta!.Value, movingMean!.Value, movingVariance!.Value, 1f - Momentum, Epsilon, training);

    public override JsonObject GetConfig() => Config(("momentum", Momentum), ("epsilon", Epsilon));

    internal static BatchNormalization FromConfig(LayerConfig c) => new(c.Real("momentum") ?? 0.99f, c.Real("epsilon") ?? 1e-3f);
}
