using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Tensors.Tests.Golden;

/// <summary>A dense layer, y = activation(x · W + b) with a loss on top, forward and backward, against PyTorch's
/// nn.Linear on the same numbers. PyTorch's weight is (out, in); the file stores its transpose, our (in, out) kernel.</summary>
public sealed class DenseGoldenTests
{
    [Theory]
    [InlineData("sigmoid_bce")]
    [InlineData("sigmoid_mse")]
    [InlineData("relu_mse")]
    public void ForwardAndBackwardMatchPyTorch(string name)
    {
        var golden = GoldenFile.Read("dense.json").GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var x = new Tensor(new Shape(4, 5), golden.Floats("x")) { RequiresGrad = true };
        var kernel = new Tensor(new Shape(5, 3), golden.Floats("kernel")) { RequiresGrad = true };
        var bias = new Tensor(new Shape(3), golden.Floats("bias")) { RequiresGrad = true };
        var target = new Tensor(new Shape(4, 3), golden.Floats("target"));

        foreach (var backend in new[] { TestBackends.Parallel, TestBackends.Managed })
        {
            foreach (var t in new[] { x, kernel, bias }) t.GradientWritten = false;
            var graph = new Graph(backend);
            Tensor z = graph.Linear(x, kernel, bias);
            Tensor y = golden.GetProperty("activation").GetString() == "sigmoid" ? graph.Sigmoid(z) : graph.Relu(z);
            Tensor loss = golden.GetProperty("loss").GetString() == "bce" ? graph.BinaryCrossEntropy(y, target) : graph.MeanSquaredError(y, target);
            graph.Backward(loss);

            string what = $"{name} on {backend.Name}";
            GoldenFile.AssertNear(golden.Floats("y"), y.Span, what + ": y");
            GoldenFile.AssertNear([golden.Single("loss_value")], loss.Span, what + ": loss");
            GoldenFile.AssertNear(golden.Floats("dx"), x.Grad!.Span, what + ": dL/dx");
            GoldenFile.AssertNear(golden.Floats("dkernel"), kernel.Grad!.Span, what + ": dL/dkernel");
            GoldenFile.AssertNear(golden.Floats("dbias"), bias.Grad!.Span, what + ": dL/dbias");
        }
    }
}
