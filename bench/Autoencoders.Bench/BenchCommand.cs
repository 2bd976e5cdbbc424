using System.Text;
using System.Text.Json;
using Autoencoders.Data;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Bench;

/// <summary>
/// Runs the workloads of ../shared/bench/torch_reference.py the same way (same data, batch, optimizer,
/// one warm-up pass of 10 batches, the median of timed epochs over --train-samples samples), then the
/// PyTorch reference and the TorchSharp port in the same run, and prints the three with our ratio to the faster peer.
/// <c>--gflops</c> adds each one's GFLOP/s beside the sgemm peak measured in the run; <c>--scaling</c> and
/// <c>--memory</c> run their own measurements instead of the speed table; <c>--busy-core</c> runs any of them with
/// one core kept busy.
/// </summary>
internal static class BenchCommand
{
    /// <summary>The sgemm of the peak figure: large enough for OpenBLAS's best, a second or two.</summary>
    private const int PeakGemmSize = 2048;

    public static int Run(string[] args)
    {
        var options = BenchOptions.Parse(args);
        using var busyCore = options.BusyCore ? new BusyCore() : null;
        using var backend = CpuBackend.CreateDefault(options.Threads);
        string? condition = busyCore is null ? null : $"one core kept busy by a spinning process (pid {busyCore.ProcessId}) through every figure, ours and the peers'";
        Console.WriteLine($"backend: {backend.Name}; data: {options.Data} (conv1d: synthetic series windows); {options.TrainSamples} samples per timed epoch, median of {options.Repeats}{(condition is null ? "" : "; " + condition)}");
        DatasetSplit? images = null;
        if (options.Breakdown)
        {
            foreach (string workload in options.Workloads)
                StepBreakdown.Print(workload, TrainingData(workload, options, ref images), backend);
            return 0;
        }
        var report = new Dictionary<string, object?> { ["backend"] = backend.Name, ["threads"] = options.Threads, ["busy_core"] = options.BusyCore };
        if (options.Scaling || options.Memory)
        {
            if (options.Scaling) report["scaling"] = ScalingSweep.Run(options, TrainingData("dense", options, ref images));
            if (options.Memory) report["memory_mib"] = PeakMemory.Run(options);
        }
        else
            SpeedTable(options, backend, ref images, report, condition);
        if (options.JsonOut is not null)
        {
            var json = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
            AtomicFile.WriteAllBytes(options.JsonOut, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(report, json)));
        }
        return 0;
    }

    private static void SpeedTable(BenchOptions options, CpuBackend backend, ref DatasetSplit? images, Dictionary<string, object?> report, string? condition)
    {
        double peak = 0;
        if (options.Gflops)
        {
            peak = GemmBench.Measure(backend, PeakGemmSize, seconds: 2);
            Console.WriteLine($"sgemm peak {PeakGemmSize}³ through {backend.Name}: {peak:F1} GFLOP/s");
        }
        var ours = new Dictionary<string, double>();
        var flops = new Dictionary<string, long>();
        foreach (string workload in options.Workloads)
        {
            Dataset train = TrainingData(workload, options, ref images);
            flops[workload] = TrainingFlops.PerSample(workload, train.FeatureCount);
            ours[workload] = EpochTimer.Measure(workload, train, backend, options.Repeats);
            Console.WriteLine($"ours    {workload,-6} {ours[workload],12:N0} samples/s");
        }
        var pytorch = options.SkipTorch ? [] : TorchReference.Run(options);
        var torchSharp = options.SkipTorchSharp ? [] : TorchSharpPeer.Run(options);
        Console.WriteLine();
        if (condition is not null) Console.WriteLine($"({condition})");
        Console.WriteLine($"{"workload",-8} {"ours (samples/s)",18} {"pytorch",10} {"torchsharp",11} {"ours / best peer",17}");
        foreach (string workload in options.Workloads)
        {
            string Peer(Dictionary<string, double> peer) => peer.TryGetValue(workload, out double value) ? value.ToString("N0") : "n/a";
            double best = Math.Max(pytorch.GetValueOrDefault(workload), torchSharp.GetValueOrDefault(workload));
            string ratio = best > 0 ? $"{ours[workload] / best:F2}x" : "n/a";
            Console.WriteLine($"{workload,-8} {ours[workload],18:N0} {Peer(pytorch),10} {Peer(torchSharp),11} {ratio,17}");
        }
        report["ours"] = ours;
        report["pytorch"] = pytorch;
        report["torchsharp"] = torchSharp;
        if (options.Gflops) report["gflops"] = GflopsTable(options, peak, flops, ours, pytorch, torchSharp);
    }

    /// <summary>Prints each runner's GFLOP/s and ours as a share of the sgemm peak; returns them for the JSON.</summary>
    private static object GflopsTable(BenchOptions options, double peak, Dictionary<string, long> flops, params Dictionary<string, double>[] runners)
    {
        var gflops = runners.Select(r => r.ToDictionary(p => p.Key, p => p.Value * flops[p.Key] / 1e9)).ToArray();
        Console.WriteLine();
        Console.WriteLine($"GFLOP/s ({TrainingFlops.Convention}); sgemm peak {peak:F1} GFLOP/s");
        Console.WriteLine($"{"workload",-8} {"MFLOP/sample",13} {"ours GFLOP/s",13} {"of peak",8} {"pytorch",8} {"torchsharp",11}");
        foreach (string workload in options.Workloads)
        {
            string Cell(int runner) => gflops[runner].TryGetValue(workload, out double value) ? value.ToString("F1") : "n/a";
            double share = gflops[0][workload] / peak;
            Console.WriteLine($"{workload,-8} {flops[workload] / 1e6,13:F2} {Cell(0),13} {share,8:P0} {Cell(1),8} {Cell(2),11}");
        }
        if (gflops[0].TryGetValue("deep", out double deep))
            Console.WriteLine($"deep, the GEMM-bound workload: {deep / peak:P0} of the sgemm peak (issue 15 asks for at least 60 %)");
        return new
        {
            convention = TrainingFlops.Convention, sgemm_peak_gflops = peak, sgemm_size = PeakGemmSize, flops_per_sample = flops,
            ours = gflops[0], pytorch = gflops[1], torchsharp = gflops[2], ours_share_of_peak = gflops[0].ToDictionary(p => p.Key, p => p.Value / peak),
        };
    }

    /// <summary>The first --train-samples training samples of the workload's data: the synthetic series windows for
    /// conv1d (as the script's series_windows, seed 0), Fashion-MNIST, loaded once, for the others.</summary>
    private static Dataset TrainingData(string workload, BenchOptions options, ref DatasetSplit? images)
    {
        Dataset train = workload == "conv1d" ? SeriesWindows.Generate(seed: 0).Train : (images ??= DatasetCatalog.Load(options.Data)).Train;
        return train.Limit(Math.Min(options.TrainSamples, train.Count));
    }
}
