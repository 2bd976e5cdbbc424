using Autoencoders.Tensors.Autodiff;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests.Autodiff;

/// <summary>A training step, repeated, allocates nothing once warm, and gives the same bits every time.</summary>
public sealed class SteadyStateTests
{
    [Fact]
    public void ATrainingStepAllocatesNothingOnceWarm()
    {
        using var backend = new CpuBackend(threads: 2);
        Assert.True(backend.UsesOpenBlas, "OpenBLAS is not installed (Debian: libopenblas0-pthread; .ci/run installs it)");
        var random = new Random(3);
        var buffer = new float[784 * 32 + 32 + 32 * 784 + 784];
        for (int i = 0; i < buffer.Length; i++) buffer[i] = random.NextSingle() * 0.1f - 0.05f;
        var parameters = new Tensor(buffer, 0, new Shape(buffer.Length));
        var gradients = new Tensor(new Shape(buffer.Length));
        var w1 = new Tensor(buffer, 0, new Shape(784, 32)) { RequiresGrad = true, Grad = new Tensor(gradients.Buffer, 0, new Shape(784, 32)) };
        var b1 = new Tensor(buffer, 784 * 32, new Shape(32)) { RequiresGrad = true, Grad = new Tensor(gradients.Buffer, 784 * 32, new Shape(32)) };
        int o2 = 784 * 32 + 32;
        var w2 = new Tensor(buffer, o2, new Shape(32, 784)) { RequiresGrad = true, Grad = new Tensor(gradients.Buffer, o2, new Shape(32, 784)) };
        var b2 = new Tensor(buffer, o2 + 32 * 784, new Shape(784)) { RequiresGrad = true, Grad = new Tensor(gradients.Buffer, o2 + 32 * 784, new Shape(784)) };
        var m = new Tensor(parameters.Shape);
        var v = new Tensor(parameters.Shape);
        m.Span.Clear();
        v.Span.Clear();
        var data = new float[256 * 784];
        for (int i = 0; i < data.Length; i++) data[i] = random.NextSingle();
        var graph = new Graph(backend);
        Tensor[] weights = [w1, b1, w2, b2];
        int stepNumber = 0;
        void Step()
        {
            graph.Reset();
            Tensor x = graph.NewTensor(new Shape(256, 784));
            data.CopyTo(x.Span);
            Tensor y = graph.Sigmoid(graph.Linear(graph.Relu(graph.Linear(x, w1, b1)), w2, b2));
            Tensor loss = graph.BinaryCrossEntropy(y, x);
            foreach (var p in weights) p.GradientWritten = false;
            graph.Backward(loss);
            backend.AdamStep(parameters, gradients, m, v, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, ++stepNumber);
        }
        for (int i = 0; i < 3; i++) Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void TheSameInputsGiveBitIdenticalResults()
    {
        float[] Run()
        {
            using var backend = new CpuBackend(threads: 2);
            var random = new Random(11);
            var x = new Tensor(new Shape(300, 200), [.. Enumerable.Range(0, 60_000).Select(_ => random.NextSingle())]);
            var w = new Tensor(new Shape(200, 100), [.. Enumerable.Range(0, 20_000).Select(_ => random.NextSingle() - 0.5f)]) { RequiresGrad = true };
            var graph = new Graph(backend);
            graph.Backward(graph.MeanSquaredError(graph.Tanh(graph.Linear(x, w, null)), graph.Constant(new Shape(300, 100), new float[30_000])));
            return w.Grad!.ToArray();
        }
        Assert.Equal(Run(), Run());
    }
}
