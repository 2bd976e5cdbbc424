using Autoencoders.Tensors;
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

    // The optimizer's state beside the weights (Adam's moments, momentum's velocity), one buffer per slot, each the
    // length of the trainable values, made when first used. Sorted by name, so a checkpoint lists them in one order.
    private readonly SortedDictionary<string, Tensor> slots = new(StringComparer.Ordinal);

    public void Step(ParameterSet parameters, IComputeBackend backend)
    {
        Iterations++;
        Apply(parameters, backend);
    }

    protected abstract void Apply(ParameterSet parameters, IComputeBackend backend);

    /// <summary>The state buffer <paramref name="name"/>, zeros the first time it is asked for.</summary>
    protected Tensor Slot(string name, ParameterSet parameters)
    {
        if (!slots.TryGetValue(name, out Tensor? slot))
        {
            slot = new Tensor(parameters.TrainableValues.Shape);
            slot.Span.Clear();
            slots[name] = slot;
        }
        return slot;
    }

    /// <summary>A copy of the step count and every state buffer: what a resumed run needs to take the same steps.</summary>
    public OptimizerState SaveState() =>
        new(Name, Iterations, slots.ToDictionary(s => s.Key, s => s.Value.ToArray(), StringComparer.Ordinal));

    /// <summary>Puts back a <see cref="SaveState"/> of an optimizer of the same kind, for the same trainable values.</summary>
    public void LoadState(OptimizerState state, ParameterSet parameters)
    {
        if (state.Name != Name)
            throw new ArgumentException($"expected the state of a {Name} optimizer, received one of {state.Name}");
        if (state.Iterations < 0)
            throw new ArgumentException($"expected a step count of 0 or more, received {state.Iterations}");
        slots.Clear();
        foreach (var (name, values) in state.Slots)
        {
            if (values.Length != parameters.TrainableValues.Length)
                throw new ArgumentException($"optimizer slot \"{name}\" holds {values.Length} values, the model has {parameters.TrainableValues.Length} trainable values");
            values.CopyTo(Slot(name, parameters).Span);
        }
        Iterations = state.Iterations;
    }
}
