using System.Text.Json;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Tensors.Tests.Golden;

/// <summary>
/// Lstm and Gru against nn.LSTM and nn.GRU (batch_first; recurrent.json, tools/golden/make_recurrent_golden.py): every
/// step's output, the last state, and the gradients of x and every parameter through L = Σ w ∘ out, out being the
/// sequence or the last state; masked cases against pack_padded_sequence with right padding; a batch of 130 that the
/// engine splits into chunks. On every golden backend.
/// </summary>
public sealed class RecurrentGoldenTests
{
    private static readonly JsonElement Golden = GoldenFile.Read("recurrent.json");

    [Theory]
    [InlineData("lstm_sequences")]
    [InlineData("lstm_last")]
    [InlineData("lstm_masked_sequences")]
    [InlineData("lstm_masked_last")]
    [InlineData("lstm_batch130")]
    [InlineData("gru_sequences")]
    [InlineData("gru_last")]
    [InlineData("gru_masked_sequences")]
    [InlineData("gru_masked_last")]
    [InlineData("gru_batch130")]
    public void ForwardAndBackwardMatchPyTorch(string name)
    {
        JsonElement golden = Golden.Case(name);
        bool lstm = golden.GetProperty("cell").GetString() == "lstm", sequences = golden.GetProperty("through").GetString() == "sequences";
        int batch = golden.GetProperty("batch").GetInt32(), steps = golden.GetProperty("steps").GetInt32();
        int inputs = golden.GetProperty("inputs").GetInt32(), units = golden.GetProperty("units").GetInt32(), gates = lstm ? 4 : 3;
        Tensor? mask = null;
        if (golden.TryGetProperty("lengths", out JsonElement lengths))
        {
            int[] length = [.. lengths.EnumerateArray().Select(l => l.GetInt32())];
            mask = new Tensor(new Shape(batch, steps));
            for (int n = 0; n < batch; n++)
                for (int t = 0; t < steps; t++) mask[n * steps + t] = t < length[n] ? 1f : 0f;
        }

        foreach (var backend in GoldenFile.Backends)
        {
            var x = TestTensors.Leaf(new Shape(batch, steps, inputs), golden.Floats("x"));
            var kernel = TestTensors.Leaf(new Shape(gates * units, inputs), golden.Floats("kernel"));
            var recurrent = TestTensors.Leaf(new Shape(gates * units, units), golden.Floats("recurrent_kernel"));
            var bias = TestTensors.Leaf(lstm ? new Shape(gates * units) : new Shape(2, gates * units), golden.Floats("bias"));
            string what = $"{name} on {backend.Name}";

            // Both outputs from one graph that records nothing, then the one the case goes through, recorded.
            var inference = new Graph(backend) { IsRecording = false };
            Tensor ySequence = Run(inference, lstm, x, kernel, recurrent, bias, mask, true);
            GoldenFile.AssertNear(golden.Floats("y"), ySequence.Span, what + ": y");
            GoldenFile.AssertNear(golden.Floats("h_n"), Run(inference, lstm, x, kernel, recurrent, bias, mask, false).Span, what + ": h_n");

            var graph = new Graph(backend);
            Tensor output = Run(graph, lstm, x, kernel, recurrent, bias, mask, sequences);
            graph.Backward(graph.Sum(graph.Multiply(output, graph.Constant(output.Shape, golden.Floats("weights")))));
            GoldenFile.AssertNear(golden.Floats("dx"), x.Grad!.Span, what + ": dL/dx");
            GoldenFile.AssertNear(golden.Floats("dkernel"), kernel.Grad!.Span, what + ": dL/dkernel");
            GoldenFile.AssertNear(golden.Floats("drecurrent_kernel"), recurrent.Grad!.Span, what + ": dL/drecurrent_kernel");
            GoldenFile.AssertNear(golden.Floats("dbias"), bias.Grad!.Span, what + ": dL/dbias");
        }
    }

    private static Tensor Run(Graph g, bool lstm, Tensor x, Tensor kernel, Tensor recurrent, Tensor bias, Tensor? mask, bool sequences) =>
        lstm ? g.Lstm(x, kernel, recurrent, bias, mask, sequences) : g.Gru(x, kernel, recurrent, bias, mask, sequences);
}
