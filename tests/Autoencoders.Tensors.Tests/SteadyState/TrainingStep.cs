using Autoencoders.Tensors.Autodiff;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests.SteadyState;

/// <summary>
/// A dense autoencoder's training step as the trainer runs it: x (B, D) → Linear (D, H) → ReLU → Linear (H, D)
/// → Sigmoid → BCE against x, backward, then one Adam step over a single parameter buffer (llm.c's layout:
/// every parameter and every gradient is a window of one array, so the optimizer is one loop).
/// Sizes put every GEMM and elementwise kernel above the backend's thresholds for splitting over threads.
/// </summary>
internal sealed class TrainingStep
{
    public const int Batch = 256, Features = 784, Hidden = 32;

    private readonly CpuBackend backend;
    private readonly Graph graph;
    private readonly Tensor parameters, gradients, firstMoment, secondMoment;
    private readonly Tensor[] layers;
    private readonly float[] data;
    private readonly Shape inputShape = new(Batch, Features); // built once: see AllocationTests
    private int step;

    public TrainingStep(CpuBackend backend, int seed = 3)
    {
        this.backend = backend;
        graph = new Graph(backend);
        Shape[] shapes = [new(Features, Hidden), new(Hidden), new(Hidden, Features), new(Features)];
        int total = shapes.Sum(s => s.ElementCount);
        var random = new Random(seed);
        parameters = new Tensor(new Shape(total), TestTensors.Uniform(random, total, -0.05f, 0.05f));
        gradients = new Tensor(new Shape(total));
        firstMoment = new Tensor(new Shape(total), new float[total]);
        secondMoment = new Tensor(new Shape(total), new float[total]);
        layers = new Tensor[shapes.Length];
        for (int i = 0, offset = 0; i < shapes.Length; offset += shapes[i].ElementCount, i++)
            layers[i] = new Tensor(parameters.Buffer, offset, shapes[i])
            {
                RequiresGrad = true,
                Grad = new Tensor(gradients.Buffer, offset, shapes[i]),
            };
        data = TestTensors.Uniform(random, Batch * Features, 0f, 1f);
    }

    public float[] Parameters => parameters.ToArray();

    /// <summary>One step; returns the loss before the update.</summary>
    public float Run()
    {
        graph.Reset();
        Tensor x = graph.NewTensor(inputShape);
        data.CopyTo(x.Span);
        Tensor hidden = graph.Relu(graph.Linear(x, layers[0], layers[1]));
        Tensor reconstruction = graph.Sigmoid(graph.Linear(hidden, layers[2], layers[3]));
        Tensor loss = graph.BinaryCrossEntropy(reconstruction, x);
        foreach (Tensor layer in layers) layer.GradientWritten = false;
        graph.Backward(loss);
        backend.AdamStep(parameters, gradients, firstMoment, secondMoment, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, ++step);
        return loss.ToScalar();
    }
}
