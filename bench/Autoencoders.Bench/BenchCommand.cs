using System.Text;
using System.Text.Json;
using Autoencoders.Data;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Bench;

/// <summary>
/// Runs the workloads of ../shared/bench/torch_reference.py the same way (same data, batch, optimizer,
/// one warm-up pass of 10 batches, the median of timed epochs over --train-samples samples), each followed at once by the
/// PyTorch reference and the TorchSharp port on the same workload, and prints the three with our ratio to the faster peer;
/// <c>--rounds N</c> repeats the whole comparison and prints each round's ratios (the JSON's figures are the medians).
/// <c>--gflops</c> adds each one's GFLOP/s beside the sgemm peak measured in the run; <c>--scaling</c> and
/// <c>--memory</c> run their own measurements instead of the speed table; <c>--busy-core</c> runs any of them with
/// one core kept busy. Every figure says whether the host had the two vCPUs near or far apart while it was taken
/// (<see cref="CoreLatencyMonitor"/>; far figures are marked *).
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
        var trainingSets = new Dictionary<string, Dataset>();
        var flops = new Dictionary<string, long>();
        foreach (string workload in options.Workloads)
        {
            trainingSets[workload] = TrainingData(workload, options, ref images);
            flops[workload] = TrainingFlops.PerSample(workload, trainingSets[workload].FeatureCount);
        }
        string? torchSharp = options.SkipTorchSharp ? null : TorchSharpPeer.BuiltAssembly(options);
        // The share of ours' parallel kernel jobs that the runner ran on the caller alone: high where other processes
        // (or the host's other guests) kept a core busy.
        var aloneShare = new Dictionary<string, double>();
        var runners = new List<(string Name, Func<string, double?> Measure)>
        {
            ("ours", workload =>
            {
                var before = backend.ParallelJobCounts;
                double speed = EpochTimer.Measure(workload, trainingSets[workload], backend, options.Repeats);
                var after = backend.ParallelJobCounts;
                aloneShare[workload] = after.Jobs > before.Jobs ? (double)(after.Alone - before.Alone) / (after.Jobs - before.Jobs) : 0;
                return speed;
            }),
        };
        if (!options.SkipTorch && TorchReference.IsAvailable(options, "pytorch"))
            runners.Add(("pytorch", workload => TorchReference.Run(options with { Workloads = [workload] }).GetValueOrDefault(workload)));
        if (torchSharp is not null)
            runners.Add(("torchsharp", workload => TorchSharpPeer.Run(options with { Workloads = [workload] }, torchSharp).GetValueOrDefault(workload)));

        // Each workload's figures one right after the other (ours, then each peer's), round after round: the host's cores
        // are shared with other guests and slow down for seconds at a time, so a figure is only compared with figures
        // taken within the same minute, and several rounds show how far a ratio moves.
        // Where the host had the two vCPUs while each figure was taken (CoreLatencyMonitor): a far spell halves
        // two-threaded training, so figures marked far are not compared with near ones by eye.
        using var monitor = new CoreLatencyMonitor();
        var rounds = new List<Dictionary<string, Dictionary<string, double>>>();
        var placements = new List<Dictionary<string, Dictionary<string, Placement>>>();
        for (int round = 1; round <= options.Rounds; round++)
        {
            if (options.Rounds > 1) Console.WriteLine($"round {round} of {options.Rounds}");
            var figures = runners.ToDictionary(r => r.Name, _ => new Dictionary<string, double>());
            var where = runners.ToDictionary(r => r.Name, _ => new Dictionary<string, Placement>());
            foreach (string workload in options.Workloads)
                foreach (var (name, measure) in runners)
                {
                    long start = CoreLatencyMonitor.Now;
                    if (measure(workload) is not { } value || value <= 0) continue;
                    var placement = monitor.During(start, CoreLatencyMonitor.Now);
                    figures[name][workload] = value;
                    where[name][workload] = placement;
                    string alone = name == "ours" ? $"kernel jobs run alone: {aloneShare[workload]:P0}; " : "";
                    Console.WriteLine($"{name,-10} {workload,-6} {value,12:N0} samples/s   ({alone}{placement})");
                }
            rounds.Add(figures);
            placements.Add(where);
            PrintTable(options, figures, where, condition);
        }
        var median = runners.ToDictionary(r => r.Name, r => options.Workloads
            .Where(w => rounds.All(round => round[r.Name].ContainsKey(w)))
            .ToDictionary(w => w, w => Median(rounds.Select(round => round[r.Name][w]))));
        if (options.Rounds > 1)
        {
            Console.WriteLine($"ours / best peer in each of the {options.Rounds} rounds");
            foreach (string workload in options.Workloads)
                Console.WriteLine($"{workload,-8} {string.Join("  ", rounds.Select((round, i) => Ratio(round, workload) is { } ratio ? $"{ratio:F2}x{FarMark(placements[i], workload),-1}" : "n/a "))}");
            if (placements.Any(where => options.Workloads.Any(w => FarMark(where, w) != "")))
                Console.WriteLine("  * a figure of that ratio was taken, at least in part, with the host's two vCPUs far apart");
        }
        var ours = median["ours"];
        var pytorch = median.GetValueOrDefault("pytorch") ?? [];
        var torchSharpFigures = median.GetValueOrDefault("torchsharp") ?? [];
        report["ours"] = ours;
        report["pytorch"] = pytorch;
        report["torchsharp"] = torchSharpFigures;
        if (options.Rounds > 1)
            report["rounds"] = rounds.Select(round => new
            {
                ours = round["ours"], pytorch = round.GetValueOrDefault("pytorch"), torchsharp = round.GetValueOrDefault("torchsharp"),
                ratio = options.Workloads.ToDictionary(w => w, w => Ratio(round, w)),
            }).ToList();
        report["core_placement"] = new
        {
            far_nanoseconds = CoreLatencyMonitor.FarNanoseconds,
            rounds = placements.Select(where => where.ToDictionary(r => r.Key, r => r.Value.ToDictionary(p => p.Key, p => new { readings = p.Value.Readings, far = p.Value.Far }))).ToList(),
        };
        if (options.Gflops) report["gflops"] = GflopsTable(options, peak, flops, ours, pytorch, torchSharpFigures);
    }

    /// <summary>One round's table: each runner's figure and ours over the faster peer.</summary>
    private static void PrintTable(BenchOptions options, Dictionary<string, Dictionary<string, double>> figures,
        Dictionary<string, Dictionary<string, Placement>> where, string? condition)
    {
        Console.WriteLine();
        if (condition is not null) Console.WriteLine($"({condition})");
        Console.WriteLine($"{"workload",-8} {"ours (samples/s)",18} {"pytorch",10} {"torchsharp",11} {"ours / best peer",17}");
        bool anyFar = false;
        foreach (string workload in options.Workloads)
        {
            string Cell(string runner)
            {
                if (figures.GetValueOrDefault(runner)?.TryGetValue(workload, out double value) != true) return "n/a";
                bool far = where[runner].GetValueOrDefault(workload).AnyFar;
                anyFar |= far;
                return value.ToString("N0") + (far ? "*" : "");
            }
            string ratio = Ratio(figures, workload) is { } value ? $"{value:F2}x" : "n/a";
            Console.WriteLine($"{workload,-8} {Cell("ours"),18} {Cell("pytorch"),10} {Cell("torchsharp"),11} {ratio,17}");
        }
        if (anyFar) Console.WriteLine("* taken, at least in part, with the host's two vCPUs far apart (bench core-latency)");
        Console.WriteLine();
    }

    /// <summary>"*" when any figure of the workload in that round was taken with the cores far apart.</summary>
    private static string FarMark(Dictionary<string, Dictionary<string, Placement>> where, string workload) =>
        where.Values.Any(runner => runner.GetValueOrDefault(workload).AnyFar) ? "*" : "";

    /// <summary>Ours over the faster peer in one round; null without ours or without a peer's figure.</summary>
    private static double? Ratio(Dictionary<string, Dictionary<string, double>> figures, string workload)
    {
        double best = figures.Where(r => r.Key != "ours").Select(r => r.Value.GetValueOrDefault(workload)).DefaultIfEmpty(0).Max();
        return best > 0 && figures["ours"].TryGetValue(workload, out double ours) ? ours / best : null;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
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
