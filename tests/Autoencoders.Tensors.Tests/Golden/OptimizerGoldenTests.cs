using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests.Golden;

/// <summary>Five steps of each optimizer kernel against torch.optim on the same parameters and gradients.</summary>
public sealed class OptimizerGoldenTests
{
    private static readonly CpuBackend Backend = new(threads: 2);

    [Theory]
    [InlineData("adam", 1e-3f, 0f)]
    [InlineData("adam_weight_decay", 1e-2f, 0.1f)]
    public void AdamMatchesTorch(string name, float learningRate, float weightDecay) =>
        Replay(name, (p, g, state, step) => Backend.AdamStep(p, g, state[0], state[1], learningRate, 0.9f, 0.999f, 1e-8f, weightDecay, step));

    [Theory]
    [InlineData("sgd_momentum", false)]
    [InlineData("sgd_nesterov", true)]
    public void SgdMatchesTorch(string name, bool nesterov) =>
        Replay(name, (p, g, state, _) => Backend.SgdStep(p, g, state[0], 0.1f, 0.9f, nesterov, 0f));

    [Fact]
    public void RmsPropMatchesTorch() =>
        Replay("rmsprop", (p, g, state, _) => Backend.RmsPropStep(p, g, state[0], 1e-2f, 0.9f, 1e-7f, 0f));

    private static void Replay(string name, Action<Tensor, Tensor, Tensor[], int> step)
    {
        var golden = GoldenFile.Read("optimizers.json").GetProperty(name);
        float[] initial = golden.Floats("initial");
        var parameters = new Tensor(new Shape(initial.Length), initial);
        Tensor[] state = [Zeros(initial.Length), Zeros(initial.Length)];
        var gradients = golden.GetProperty("gradients").EnumerateArray().ToArray();
        var expected = golden.GetProperty("parameters").EnumerateArray().ToArray();
        Assert.Equal(5, gradients.Length);
        for (int i = 0; i < gradients.Length; i++)
        {
            var g = new Tensor(parameters.Shape, [.. gradients[i].EnumerateArray().Select(v => v.GetSingle())]);
            step(parameters, g, state, i + 1);
            GoldenFile.Near([.. expected[i].EnumerateArray().Select(v => v.GetSingle())], parameters.Span);
        }
    }

    private static Tensor Zeros(int length)
    {
        var t = new Tensor(new Shape(length));
        t.Span.Clear();
        return t;
    }
}
