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
/// one warm-up pass of 10 batches, the median of timed epochs over --train-samples samples), then the
/// PyTorch reference and the TorchSharp port in the same run, and prints the three with our ratio to the faster peer.
/// </summary>
internal static class BenchCommand
{
    public static int Run(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var backend = CpuBackend.CreateDefault(options.Threads);
        Console.WriteLine($"backend: {backend.Name}; data: {options.Data} (conv1d: synthetic series windows); {options.TrainSamples} samples per timed epoch, median of {options.Repeats}");
        DatasetSplit? images = null;
        var ours = new Dictionary<string, double>();
        if (options.Breakdown)
        {
            foreach (string workload in options.Workloads)
                StepBreakdown.Print(workload, TrainingData(workload, options, ref images), backend);
            return 0;
        }
        foreach (string workload in options.Workloads)
        {
            ours[workload] = Measure(workload, TrainingData(workload, options, ref images), backend, options);
            Console.WriteLine($"ours    {workload,-6} {ours[workload],12:N0} samples/s");
        }
        var pytorch = options.SkipTorch ? [] : TorchReference.Run(options);
        var torchSharp = options.SkipTorchSharp ? [] : TorchSharpPeer.Run(options);
        Console.WriteLine();
        Console.WriteLine($"{"workload",-8} {"ours (samples/s)",18} {"pytorch",10} {"torchsharp",11} {"ours / best peer",17}");
        foreach (string workload in options.Workloads)
        {
            string Peer(Dictionary<string, double> peer) => peer.TryGetValue(workload, out double value) ? value.ToString("N0") : "n/a";
            double best = Math.Max(pytorch.GetValueOrDefault(workload), torchSharp.GetValueOrDefault(workload));
            string ratio = best > 0 ? $"{ours[workload] / best:F2}x" : "n/a";
            Console.WriteLine($"{workload,-8} {ours[workload],18:N0} {Peer(pytorch),10} {Peer(torchSharp),11} {ratio,17}");
        }
        if (options.JsonOut is not null)
            File.WriteAllText(options.JsonOut, JsonSerializer.Serialize(new { backend = backend.Name, threads = options.Threads, ours, pytorch, torchsharp = torchSharp }));
        return 0;
    }

    /// <summary>The first --train-samples training samples of the workload's data: the synthetic series windows for
    /// conv1d (as the script's series_windows, seed 0), Fashion-MNIST, loaded once, for the others.</summary>
    private static Dataset TrainingData(string workload, BenchOptions options, ref DatasetSplit? images)
    {
        Dataset train = workload == "conv1d" ? SeriesWindows.Generate(seed: 0).Train : (images ??= DatasetCatalog.Load(options.Data)).Train;
        return train.Limit(Math.Min(options.TrainSamples, train.Count));
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
