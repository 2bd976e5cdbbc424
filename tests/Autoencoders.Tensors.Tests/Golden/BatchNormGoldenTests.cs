using System.Text.Json;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Tensors.Tests.Golden;

/// <summary>
/// BatchNorm against F.batch_norm (batchnorm.json), as BatchNorm2d on (N, C, H, W) and BatchNorm1d on (N, F), with
/// γ, β and running statistics away from their defaults: the output, the gradients of x, γ and β through
/// L = Σ w ∘ y, and the running mean and variance after the step (momentum 0.1, the variance unbiased; unchanged
/// in evaluation), on every golden backend.
/// </summary>
public sealed class BatchNormGoldenTests
{
    private static readonly JsonElement Golden = GoldenFile.Read("batchnorm.json");

    [Theory]
    [InlineData("batchnorm2d_training")]
    [InlineData("batchnorm2d_evaluation")]
    [InlineData("batchnorm1d_training")]
    [InlineData("batchnorm1d_evaluation")]
    public void ForwardBackwardAndRunningStatisticsMatchPyTorch(string name)
    {
        JsonElement golden = Golden.Case(name);
        Shape shape = golden.Shape("x_shape"), channels = new(shape[1]);
        bool training = golden.GetProperty("training").GetBoolean();

        foreach (var backend in GoldenFile.Backends)
        {
            var x = TestTensors.Leaf(shape, golden.Floats("x"));
            var gamma = TestTensors.Leaf(channels, golden.Floats("gamma"));
            var beta = TestTensors.Leaf(channels, golden.Floats("beta"));
            var runningMean = new Tensor(channels, golden.Floats("running_mean"));
            var runningVariance = new Tensor(channels, golden.Floats("running_variance"));
            var graph = new Graph(backend);
            Tensor y = graph.BatchNorm(x, gamma, beta, runningMean, runningVariance, golden.Single("momentum"), golden.Single("eps"), training);
            string what = $"{name} on {backend.Name}";
            GoldenFile.AssertNear(golden.Floats("y"), y.Span, what + ": y");
            GoldenFile.AssertNear(golden.Floats("running_mean_after"), runningMean.Span, what + ": running mean after the step");
            GoldenFile.AssertNear(golden.Floats("running_variance_after"), runningVariance.Span, what + ": running variance after the step");

            graph.Backward(graph.Sum(graph.Multiply(y, graph.Constant(shape, golden.Floats("weights")))));
            GoldenFile.AssertNear(golden.Floats("dx"), x.Grad!.Span, what + ": dL/dx");
            GoldenFile.AssertNear(golden.Floats("dgamma"), gamma.Grad!.Span, what + ": dL/dγ");
            GoldenFile.AssertNear(golden.Floats("dbeta"), beta.Grad!.Span, what + ": dL/dβ");
        }
    }
}
