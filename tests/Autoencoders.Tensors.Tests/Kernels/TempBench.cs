using System.Diagnostics;
using Autoencoders.Tensors.Autodiff;
namespace Autoencoders.Tensors.Tests.Kernels;
public sealed class TempBench(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void Bench()
    {
        foreach (int threads in new[] { 1, 2 })
        {
            using var backend = new Backends.Cpu.CpuBackend(threads);
            var graph = new Graph(backend);
            var random = new Random(1);
            var table = TestTensors.Leaf(new Shape(10000, 64), random);
            var ids = new Tensor(new Shape(32, 100), [.. Enumerable.Range(0, 3200).Select(_ => (float)random.Next(10000))]);
            var logits = TestTensors.Leaf(new Shape(32, 100, 1000), random);
            var classes = new Tensor(new Shape(32, 100), [.. Enumerable.Range(0, 3200).Select(_ => (float)random.Next(1000))]);
            var w = new Tensor(new Shape(32, 100, 64), TestTensors.Uniform(random, 3200 * 64));
            double Time(Action step) { for (int i = 0; i < 5; i++) step(); var sw = Stopwatch.StartNew(); for (int i = 0; i < 50; i++) step(); return sw.Elapsed.TotalMilliseconds / 50; }
            double gather = Time(() => { graph.Reset(); table.GradientWritten = false; var y = graph.Gather(table, ids); graph.Backward(graph.Sum(graph.Multiply(y, w))); });
            double ce = Time(() => { graph.Reset(); logits.GradientWritten = false; graph.Backward(graph.SparseCategoricalCrossEntropy(logits, classes)); });
            double cat = Time(() => { graph.Reset(); logits.GradientWritten = false; var y = graph.Concatenate(graph.Slice(logits, -1, 0, 500), graph.Slice(logits, -1, 500, 500), -1); graph.Backward(graph.SparseCategoricalCrossEntropy(y, classes)); });
            output.WriteLine($"{backend.Name}: gather (32,100) ids of 10000x64 fwd+bwd(+mul,sum) {gather:F3} ms; sparse CE (32,100,1000) fwd+bwd {ce:F3} ms; 2 slices+concat+CE {cat:F3} ms");
        }
    }
}
