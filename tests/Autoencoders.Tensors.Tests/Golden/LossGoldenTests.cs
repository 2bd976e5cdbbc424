using Autoencoders.Tensors.Autodiff;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests.Golden;

/// <summary>Loss values and gradients against torch.nn.functional on fixed logits and targets.</summary>
public sealed class LossGoldenTests
{
    private static readonly System.Text.Json.JsonElement Golden = GoldenFile.Read("losses.json");
    private static readonly Shape Shape = new(6, 4);

    [Fact]
    public void BinaryCrossEntropyWithLogits()
    {
        var (graph, z, t) = Setup("logits");
        Tensor loss = graph.BinaryCrossEntropyWithLogits(z, t);
        graph.Backward(loss);
        GoldenFile.Near([Golden.GetProperty("bce_with_logits").GetSingle()], loss.Span);
        GoldenFile.Near(Golden.Floats("dlogits"), z.Grad!.Span);
    }

    [Fact]
    public void BinaryCrossEntropyAndMseOnProbabilities()
    {
        var (graph, p, t) = Setup("probability");
        Tensor bce = graph.BinaryCrossEntropy(p, t);
        graph.Backward(bce);
        GoldenFile.Near([Golden.GetProperty("bce").GetSingle()], bce.Span);
        GoldenFile.Near(Golden.Floats("dprobability_bce"), p.Grad!.Span, relative: 1e-4f);

        (graph, p, t) = Setup("probability");
        Tensor mse = graph.MeanSquaredError(p, t);
        graph.Backward(mse);
        GoldenFile.Near([Golden.GetProperty("mse").GetSingle()], mse.Span);
        GoldenFile.Near(Golden.Floats("dprobability_mse"), p.Grad!.Span);
    }

    private static (Graph, Tensor, Tensor) Setup(string input) =>
        (new Graph(new CpuBackend(threads: 1)),
         new Tensor(Shape, Golden.Floats(input)) { RequiresGrad = true },
         new Tensor(Shape, Golden.Floats("target")));
}
