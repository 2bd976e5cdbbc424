using System.Text.Json;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Tensors.Tests.Golden;

/// <summary>Loss values and input gradients against torch.nn.functional on fixed logits, probabilities and
/// targets, including saturated logits (±9) and hard targets (0 and 1).</summary>
public sealed class LossGoldenTests
{
    private static readonly JsonElement Golden = GoldenFile.Read("losses.json");
    private static readonly Shape Shape = new(Golden.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray());

    [Theory]
    [InlineData("mse", "probability")]
    [InlineData("rmse", "probability")]
    [InlineData("bce", "probability")]
    [InlineData("bce_of_sigmoid", "logits")]
    [InlineData("bce_with_logits", "logits")]
    public void ValueAndGradientMatchPyTorch(string loss, string input)
    {
        var graph = new Graph(TestBackends.SingleThreaded);
        var x = new Tensor(Shape, Golden.Floats(input)) { RequiresGrad = true };
        var target = new Tensor(Shape, Golden.Floats("target"));
        Tensor value = loss switch
        {
            "mse" => graph.MeanSquaredError(x, target),
            "rmse" => graph.RootMeanSquaredError(x, target),
            "bce" => graph.BinaryCrossEntropy(x, target),
            "bce_of_sigmoid" => graph.BinaryCrossEntropy(graph.Sigmoid(x), target),
            _ => graph.BinaryCrossEntropyWithLogits(x, target),
        };
        graph.Backward(value);
        GoldenFile.AssertNear([Golden.Single(loss)], value.Span, loss);
        GoldenFile.AssertNear(Golden.Floats("d_" + loss), x.Grad!.Span, $"d{loss}/d{input}");
    }
}
