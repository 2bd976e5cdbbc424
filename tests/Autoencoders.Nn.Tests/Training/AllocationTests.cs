using Autoencoders.Data;
using Autoencoders.Nn.Graphs;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Layers.Merging;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Nn.Tests.Training;

/// <summary>Once warm, a training step allocates nothing: the graph reuses its tensors and the optimizer its state.
/// Each test trains on a backend of its own: on the shared one, a test running beside it in another class can contend
/// for the kernel runner's lock, and the lock's first contention allocates its wait event on this thread.</summary>
[Collection(AllocationMeasurements.Name)]
public sealed class AllocationTests : IDisposable
{
    private readonly CpuBackend backend = new(threads: 2);

    public void Dispose() => backend.Dispose();

    private const int FirstMeasuredBatch = 5, WindowBatches = 35, Windows = 3;

    /// <summary>The least any of three windows of 35 batches allocated: a one-off allocation of the runtime's (a method
    /// promoted to its optimised tier meanwhile) is not the step's; a per-batch one shows in every window.</summary>
    private static long LeastAllocated(AllocationMeter meter) =>
        Enumerable.Range(0, Windows).Min(w => meter.AllocatedBytes[FirstMeasuredBatch + (w + 1) * WindowBatches] - meter.AllocatedBytes[FirstMeasuredBatch + w * WindowBatches]);

    public static TheoryData<string, string> Setups => new()
    {
        { "adam", "mse" },
        { "sgd", "bce" },
        { "rmsprop", "rmse" },
    };

    [Theory]
    [MemberData(nameof(Setups))]
    public void StepsAfterWarmUpAllocateNothing(string optimizer, string loss)
    {
        var data = LowRankData.Create(count: 1000);
        var model = TinyModels.Compiled(Optimizer.Parse(optimizer, 1e-3f), Loss.Parse(loss));
        model.Backend = backend;
        var meter = new AllocationMeter(batches: 125);

        // 1000 samples in batches of 8: one epoch of 125 equal batches, measured in three windows of 35 from batch 5.
        model.Fit(data, new FitOptions { Epochs = 1, BatchSize = 8, Callbacks = [meter] });

        long allocated = LeastAllocated(meter);
        Assert.True(allocated == 0,
            $"{optimizer}/{loss}: {allocated} bytes over {WindowBatches} batches (the least of {Windows} windows); per batch: " +
            string.Join(" ", Enumerable.Range(FirstMeasuredBatch, Windows * WindowBatches).Select(b => meter.AllocatedBytes[b + 1] - meter.AllocatedBytes[b])));
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(false, false, false)]
    public void AGraphWithASkipConnectionAndMetricsAllocatesNothingPerStep(bool merge, bool labelled, bool metric)
    {
        // A functional model (a merge, a shared layer) trained towards targets of another shape, with a metric.
        var data = LowRankData.Create(count: 1000);
        var labels = new Dataset([.. data.Features.Chunk(data.FeatureCount).Select(row => row[0] > row[1] ? 1f : 0f)], 1);
        var x = SymbolicTensor.Input(new Shape(data.FeatureCount), "x");
        var shared = new Dense(data.FeatureCount, Activation.Tanh);
        var joined = merge ? new Add().Apply(shared.Apply(shared.Apply(x)), x) : shared.Apply(x);
        var model = new Functional(x, new Dense(labelled ? 1 : data.FeatureCount, Activation.Sigmoid).Apply(joined)) { Backend = backend };
        model.Compile(new Adam(1e-3f), Loss.BinaryCrossEntropy, metric ? ["accuracy"] : []);
        var meter = new AllocationMeter(batches: 125);

        model.Fit(data, new FitOptions { Epochs = 1, BatchSize = 8, Callbacks = [meter] }, labelled ? labels : null);

        long allocated = LeastAllocated(meter);
        Assert.True(allocated == 0, $"{allocated} bytes over {WindowBatches} batches (the least of {Windows} windows)");
    }

    [Fact]
    public void SequenceLayerStepsAfterWarmUpAllocateNothing()
    {
        // LSTM, GRU, RepeatVector, TimeDistributed: their workspaces come from the graph's arena, their jobs are reused.
        var data = LowRankData.Create(count: 1000);
        var model = new Autoencoder(
            [new Reshape(10, 2), new Lstm(4)],
            [new RepeatVector(10), new Gru(3, returnSequences: true), new TimeDistributed(new Dense(2, Activation.Sigmoid)), new Flatten()])
        { Backend = backend };
        model.Build(new Shape(20), seed: 1);
        model.Compile(new Adam(), Loss.BinaryCrossEntropy);
        var meter = new AllocationMeter(batches: 125);

        model.Fit(data, new FitOptions { Epochs = 1, BatchSize = 8, Callbacks = [meter] });

        long allocated = LeastAllocated(meter);
        Assert.True(allocated == 0, $"{allocated} bytes over {WindowBatches} batches (the least of {Windows} windows)");
    }

    /// <summary>Reads the thread's allocation counter at the end of each batch into an array sized up front, so it allocates nothing itself.</summary>
    internal sealed class AllocationMeter(int batches) : Callback
    {
        public long[] AllocatedBytes { get; } = new long[batches];

        public override void OnBatchEnd(TrainingContext context, BatchLogs logs)
        {
            if (logs.Epoch == 1) AllocatedBytes[logs.Batch] = GC.GetAllocatedBytesForCurrentThread();
        }
    }
}
