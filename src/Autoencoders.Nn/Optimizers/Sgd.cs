using Autoencoders.Tensors;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Nn.Optimizers;

/// <summary>Stochastic gradient descent with optional (Nesterov) momentum, in PyTorch's form.</summary>
public sealed class Sgd(float learningRate = Sgd.DefaultLearningRate, float momentum = 0f, bool nesterov = false, float weightDecay = 0f)
    : Optimizer(learningRate)
{
    public const float DefaultLearningRate = 1e-2f;

    public override string Name => "sgd";

    public float Momentum { get; } = momentum >= 0f && momentum < 1f ? momentum
        : throw new ArgumentOutOfRangeException(nameof(momentum), $"expected a momentum in [0, 1), received {momentum}");

    public bool Nesterov { get; } = nesterov;

    public float WeightDecay { get; } = weightDecay;

    protected override void Apply(ParameterSet parameters, IComputeBackend backend)
    {
        Tensor? velocity = Momentum > 0f ? Slot("velocity", parameters) : null;
        backend.SgdStep(parameters.TrainableValues, parameters.TrainableGradients, velocity, LearningRate, Momentum, Nesterov, WeightDecay);
    }
}
