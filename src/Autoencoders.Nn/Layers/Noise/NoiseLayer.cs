using Autoencoders.Data;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// A layer that corrupts its input while training and passes it through unchanged otherwise: the first layer of a
/// denoising autoencoder, so the model learns to map corrupted inputs to the clean targets (Vincent et al. 2008).
/// The corruption is added as a constant, y = x + (corrupt(x) − x), so gradients pass straight through.
/// </summary>
public abstract class NoiseLayer : Layer
{
    private DeterministicRandom? random;

    internal override DeterministicRandom? RandomStream => random;

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    public override bool PassesMaskOn => true;

    /// <summary>Writes a corrupted copy of <paramref name="clean"/>; also used to make noisy test inputs.</summary>
    public abstract void Corrupt(ReadOnlySpan<float> clean, Span<float> noisy, DeterministicRandom random);

    // The layer draws from its own stream, forked from the model's seed, so its noise does not depend on other layers.
    protected override void CreateParameters(Shape inputShape, DeterministicRandom modelRandom) => random = modelRandom.Fork();

    public override Tensor Forward(Graph graph, Tensor x, bool training)
    {
        if (!training) return x;
        Tensor shift = graph.NewTensor(x.Shape);
        Span<float> values = shift.Span;
        Corrupt(x.Span, values, random!);
        System.Numerics.Tensors.TensorPrimitives.Subtract(values, x.Span, values);
        return graph.Add(x, shift);
    }
}
