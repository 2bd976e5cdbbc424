using System.Diagnostics;
using Autoencoders.Data;
using Autoencoders.Nn.Presets;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Bench;

/// <summary>
/// Where a training step's time goes: one epoch of the workload through <see cref="ProfilingBackend"/>, each kernel's
/// share of the epoch's wall time, summed by kind (GEMM, convolution, elementwise, loss, optimizer, copies); "outside
/// kernels" is the rest (batch copies and shuffling, the tape, the trainer). The proxy adds a few hundred ns a call,
/// so the shares, not the samples/s, are the result.
/// </summary>
internal static class StepBreakdown
{
    public static void Print(string workload, Dataset train, IComputeBackend backend)
    {
        var (profiled, profile) = ProfilingBackend.Wrap(backend);
        var (model, loss) = ModelPresets.Create(workload, train.FeatureCount);
        int batch = ModelPresets.BatchSize(workload);
        EpochTimer.Prepare(model, loss, train, batch, profiled);
        profile.Clear();
        var clock = Stopwatch.StartNew();
        model.Fit(train, new FitOptions { Epochs = 1, BatchSize = batch, Seed = 0 });
        double total = clock.Elapsed.TotalSeconds;
        var kernels = profile.Kernels;
        double inside = kernels.Values.Sum(k => k.Seconds);
        Console.WriteLine($"breakdown {workload}: {total * 1e3 / Math.Ceiling(train.Count / (double)batch):F2} ms a step (batch {batch}, profiled)");
        foreach (var kind in kernels.GroupBy(k => ProfilingBackend.KindOf(k.Key)).OrderByDescending(g => g.Sum(k => k.Value.Seconds)))
        {
            double seconds = kind.Sum(k => k.Value.Seconds);
            string detail = string.Join(ProfilingBackend.ByShape ? "\n      " : ", ", kind.OrderByDescending(k => k.Value.Seconds).Take(ProfilingBackend.ByShape ? 12 : 4).Select(k => $"{k.Key} {k.Value.Seconds / total:P0}"));
            Console.WriteLine($"  {kind.Key,-12} {seconds / total,6:P1}   {detail}");
        }
        Console.WriteLine($"  {"outside kernels",-12} {(total - inside) / total,6:P1}   (batches, shuffling, tape, trainer)");
    }
}
