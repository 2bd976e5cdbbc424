using Autoencoders.Tensors.Backends;

namespace Autoencoders.Nn.Optimizers;

/// <summary>Updates a model's trainable values from their gradients, one loop over the contiguous buffer.</summary>
public abstract class Optimizer
{
    protected Optimizer(float learningRate)
    {
        if (!(learningRate > 0f) || float.IsInfinity(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"expected a positive learning rate, received {learningRate}");
        LearningRate = learningRate;
    }

    /// <summary>The name used on the command line: adam, sgd, rmsprop.</summary>
    public abstract string Name { get; }

    public float LearningRate { get; set; }

    /// <summary>Steps taken so far (Adam's bias correction counts from 1).</summary>
    public int Iterations { get; private set; }

    public static IEnumerable<string> Names => ["adam", "sgd", "rmsprop"];

    /// <summary>An optimizer by name with its default settings, and the learning rate when given.</summary>
    public static Optimizer Parse(string name, float? learningRate = null) => name.ToLowerInvariant() switch
    {
        "adam" => new Adam(learningRate ?? Adam.DefaultLearningRate),
        "sgd" => new Sgd(learningRate ?? Sgd.DefaultLearningRate, momentum: 0.9f),
        "rmsprop" => new RmsProp(learningRate ?? RmsProp.DefaultLearningRate),
        _ => throw new ArgumentException($"unknown optimizer \"{name}\", expected one of {string.Join(", ", Names)}"),
    };

    public void Step(ParameterSet parameters, IComputeBackend backend)
    {
        Iterations++;
        Apply(parameters, backend);
    }

    protected abstract void Apply(ParameterSet parameters, IComputeBackend backend);
}
