using System.Text.Json;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests.Golden;

/// <summary>Five steps of each optimizer kernel against torch.optim on the same parameters and gradients: the
/// parameters after every step, and the optimizer's state after the last. 19 parameters: SIMD vectors and a tail.</summary>
public sealed class OptimizerGoldenTests
{
    private static CpuBackend Backend => TestBackends.SingleThreaded;

    [Theory]
    [InlineData("adam")]
    [InlineData("adam_weight_decay")]
    public void AdamMatchesTorch(string name)
    {
        var golden = Case("adam.json", name);
        var h = golden.GetProperty("hyperparameters");
        var (m, v) = (Zeros(golden), Zeros(golden));
        Replay(golden, (p, g, step) => Backend.AdamStep(p, g, m, v, h.Single("lr"), h.Single("beta1"), h.Single("beta2"),
            h.Single("eps"), h.Single("weight_decay"), step));
        AssertState(golden, "exp_avg", m);
        AssertState(golden, "exp_avg_sq", v);
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("sgd_momentum")]
    [InlineData("sgd_nesterov")]
    [InlineData("sgd_momentum_weight_decay")]
    public void SgdMatchesTorch(string name)
    {
        var golden = Case("sgd.json", name);
        var h = golden.GetProperty("hyperparameters");
        float momentum = h.Single("momentum");
        Tensor? velocity = momentum == 0f ? null : Zeros(golden);
        Replay(golden, (p, g, _) => Backend.SgdStep(p, g, velocity, h.Single("lr"), momentum, h.GetProperty("nesterov").GetBoolean(), h.Single("weight_decay")));
        if (velocity is not null) AssertState(golden, "momentum_buffer", velocity);
    }

    [Theory]
    [InlineData("rmsprop")]
    [InlineData("rmsprop_weight_decay")]
    public void RmsPropMatchesTorch(string name)
    {
        var golden = Case("rmsprop.json", name);
        var h = golden.GetProperty("hyperparameters");
        var meanSquare = Zeros(golden);
        Replay(golden, (p, g, _) => Backend.RmsPropStep(p, g, meanSquare, h.Single("lr"), h.Single("alpha"), h.Single("eps"), h.Single("weight_decay")));
        AssertState(golden, "square_avg", meanSquare);
    }

    private static JsonElement Case(string file, string name) => GoldenFile.Read(file).GetProperty("cases").GetProperty(name);

    /// <summary>Runs every recorded step (counted from 1, as Adam's bias correction expects) and compares after each.</summary>
    private static void Replay(JsonElement golden, Action<Tensor, Tensor, int> step)
    {
        float[] initial = golden.Floats("initial");
        var parameters = new Tensor(new Shape(initial.Length), initial);
        JsonElement[] gradients = [.. golden.GetProperty("gradients").EnumerateArray()];
        JsonElement[] expected = [.. golden.GetProperty("parameters").EnumerateArray()];
        Assert.Equal(5, gradients.Length);
        for (int i = 0; i < gradients.Length; i++)
        {
            step(parameters, new Tensor(parameters.Shape, gradients[i].Floats()), i + 1);
            GoldenFile.AssertNear(expected[i].Floats(), parameters.Span, $"parameters after step {i + 1}");
        }
    }

    private static void AssertState(JsonElement golden, string name, Tensor ours) =>
        GoldenFile.AssertNear(golden.GetProperty("state").Floats(name), ours.Span, $"optimizer state {name} after the last step");

    private static Tensor Zeros(JsonElement golden)
    {
        int length = golden.GetProperty("initial").GetArrayLength();
        return new Tensor(new Shape(length), new float[length]);
    }
}
