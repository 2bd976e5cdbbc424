using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Tensors.Tests.SteadyState;

/// <summary>Gather, slices, concatenation, softmax and both cross-entropies allocate nothing per step once warm.</summary>
[Collection(AllocationMeasurements.Name)]
public sealed class IndexingAllocationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AStepOfTheseOpsAllocatesNothingOnceWarm(int threads)
    {
        // Big enough (32 × 20 × 64 = 40,960 values) that every kernel splits over the workers.
        using var backend = new Backends.Cpu.CpuBackend(threads, useOpenBlas: false);
        var graph = new Graph(backend);
        var random = new Random(9);
        var table = TestTensors.Leaf(new Shape(100, 64), random);
        var ids = new Tensor(new Shape(32, 20), [.. Enumerable.Range(0, 640).Select(_ => (float)random.Next(100))]);
        var classes = new Tensor(new Shape(32, 20), [.. Enumerable.Range(0, 640).Select(_ => (float)random.Next(64))]);
        void Step()
        {
            graph.Reset();
            table.GradientWritten = false;
            Tensor x = graph.Gather(table, ids); // (32, 20, 64)
            Tensor joined = graph.Concatenate([graph.Slice(x, 1, 0, 10), graph.Slice(x, 1, 10, 10)], axis: 1);
            Tensor pair = graph.Concatenate(joined, graph.Slice(x, -1, 0, 64), axis: 1); // (32, 40, 64)
            graph.CategoricalCrossEntropy(x, graph.Softmax(x));
            // Not the sum of both losses: Graph.Add itself allocates a closure per call today (CpuBackend.Binary).
            graph.Backward(graph.SparseCategoricalCrossEntropy(graph.Slice(pair, 1, 5, 20), classes));
        }
        for (int i = 0; i < 3; i++) Step();
        // The least of three windows: a one-off allocation of the runtime's (a method promoted to its optimised tier
        // meanwhile) is not the step's; a per-step one shows in every window.
        long allocated = long.MaxValue;
        for (int window = 0; window < 3; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++) Step();
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(allocated == 0, $"10 warm steps on {backend.Name} allocated {allocated} bytes (the least of three windows)");
    }
}
