using Autoencoders.Tensors.Autodiff;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests.Golden;

/// <summary>A dense layer's forward and backward pass against PyTorch's nn.Linear on the same numbers.</summary>
public sealed class DenseGoldenTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void ForwardAndBackwardMatchPyTorch(int index)
    {
        var golden = GoldenFile.Read("dense.json")[index];
        var x = new Tensor(new Shape(4, 5), golden.Floats("x")) { RequiresGrad = true };
        var kernel = new Tensor(new Shape(5, 3), golden.Floats("kernel")) { RequiresGrad = true };
        var bias = new Tensor(new Shape(3), golden.Floats("bias")) { RequiresGrad = true };
        var target = new Tensor(new Shape(4, 3), golden.Floats("target"));
        var graph = new Graph(new CpuBackend(threads: 2));
        Tensor z = graph.Linear(x, kernel, bias);
        Tensor y = golden.GetProperty("activation").GetString() == "sigmoid" ? graph.Sigmoid(z) : graph.Relu(z);
        Tensor loss = golden.GetProperty("loss").GetString() == "bce" ? graph.BinaryCrossEntropy(y, target) : graph.MeanSquaredError(y, target);
        graph.Backward(loss);

        GoldenFile.Near(golden.Floats("y"), y.Span);
        GoldenFile.Near([golden.GetProperty("loss_value").GetSingle()], loss.Span);
        GoldenFile.Near(golden.Floats("dx"), x.Grad!.Span);
        GoldenFile.Near(golden.Floats("dkernel"), kernel.Grad!.Span);
        GoldenFile.Near(golden.Floats("dbias"), bias.Grad!.Span);
    }
}
