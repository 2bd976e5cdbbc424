using Autoencoders.Tensors;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Nn.Optimizers;

/// <summary>RMSprop (Hinton, Coursera lecture 6e) with Keras's defaults (lr 1e-3, ρ 0.9) and PyTorch's placement of ε.</summary>
public sealed class RmsProp(float learningRate = RmsProp.DefaultLearningRate, float rho = 0.9f, float epsilon = 1e-7f, float weightDecay = 0f)
    : Optimizer(learningRate)
{
    public const float DefaultLearningRate = 1e-3f;

    public override string Name => "rmsprop";

    public float Rho { get; } = rho;

    public float Epsilon { get; } = epsilon;

    public float WeightDecay { get; } = weightDecay;

    protected override void Apply(ParameterSet parameters, IComputeBackend backend)
    {
        backend.RmsPropStep(parameters.TrainableValues, parameters.TrainableGradients, Slot("mean_square", parameters), LearningRate, Rho, Epsilon, WeightDecay);
    }
}
