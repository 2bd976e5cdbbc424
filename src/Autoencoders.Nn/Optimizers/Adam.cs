using Autoencoders.Tensors;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Nn.Optimizers;

/// <summary>Adam (Kingma &amp; Ba 2015, https://arxiv.org/abs/1412.6980) in PyTorch's form; weight decay is L2 added to the gradient.</summary>
public sealed class Adam(float learningRate = Adam.DefaultLearningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f)
    : Optimizer(learningRate)
{
    public const float DefaultLearningRate = 1e-3f;

    public override string Name => "adam";

    public float Beta1 { get; } = beta1;

    public float Beta2 { get; } = beta2;

    public float Epsilon { get; } = epsilon;

    public float WeightDecay { get; } = weightDecay;

    protected override void Apply(ParameterSet parameters, IComputeBackend backend)
    {
        backend.AdamStep(parameters.TrainableValues, parameters.TrainableGradients, Slot("first_moment", parameters), Slot("second_moment", parameters),
            LearningRate, Beta1, Beta2, Epsilon, WeightDecay, Iterations);
    }
}
