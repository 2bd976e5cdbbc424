using System.Diagnostics;
using System.Text.Json;
using Autoencoders.Data;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Presets;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Bench;

/// <summary>
/// Runs the workloads of ../shared/bench/torch_reference.py the same way (same data, batch, optimizer,
/// one warm-up pass of 10 batches, the median of timed epochs over --train-samples images), then the
/// PyTorch reference in the same run, and prints both with their ratio.
/// </summary>
internal static class BenchCommand
{
    public static int Run(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var backend = CpuBackend.CreateDefault(options.Threads);
        Console.WriteLine($"backend: {backend.Name}; data: {options.Data}; {options.TrainSamples} samples per timed epoch, median of {options.Repeats}");
        var split = DatasetCatalog.Load(options.Data);
        var train = split.Train.Limit(Math.Min(options.TrainSamples, split.Train.Count));
        var ours = new Dictionary<string, double>();
        foreach (string workload in options.Workloads)
        {
            ours[workload] = Measure(workload, train, backend, options);
            Console.WriteLine($"ours    {workload,-6} {ours[workload],12:N0} samples/s");
        }
        var reference = options.SkipTorch ? [] : TorchReference.Run(options);
        Console.WriteLine();
        Console.WriteLine($"{"workload",-8} {"ours (samples/s)",18} {"pytorch (samples/s)",20} {"ratio",7}");
        foreach (string workload in options.Workloads)
        {
            string torch = reference.TryGetValue(workload, out double t) ? t.ToString("N0") : "n/a";
            string ratio = reference.ContainsKey(workload) ? $"{ours[workload] / t:F2}x" : "n/a";
            Console.WriteLine($"{workload,-8} {ours[workload],18:N0} {torch,20} {ratio,7}");
        }
        if (options.JsonOut is not null)
            File.WriteAllText(options.JsonOut, JsonSerializer.Serialize(new { backend = backend.Name, threads = options.Threads, ours, pytorch = reference }));
        return 0;
    }

    private static double Measure(string workload, Dataset train, CpuBackend backend, BenchOptions options)
    {
        var (model, loss) = ModelPresets.Create(workload, train.FeatureCount);
        model.Backend = backend;
        model.Build(new Autoencoders.Tensors.Shape(train.FeatureCount), seed: 0);
        model.Compile(new Adam(), loss);
        int batch = ModelPresets.BatchSize(workload);
        model.Fit(train.Limit(10 * batch), new FitOptions { Epochs = 1, BatchSize = batch });
        var seconds = new List<double>();
        for (int i = 0; i < options.Repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            model.Fit(train, new FitOptions { Epochs = 1, BatchSize = batch, Seed = i });
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        seconds.Sort();
        return train.Count / seconds[seconds.Count / 2];
    }
}
