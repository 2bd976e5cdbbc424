using System.Globalization;
using System.Text;
using Autoencoders.Data;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Presets;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Bench;

/// <summary>
/// <c>--scaling</c>: training samples/s, ours and PyTorch's (bench/scaling/torch_scaling.py, which reuses
/// torch_reference.py), against the batch size (dense), the width N of a 784-N-784 dense autoencoder (batch 256) and the
/// thread count (each workload at its own batch size), one thing varied at a time. Writes scaling-batch.csv,
/// scaling-width.csv and scaling-threads.csv with a PNG beside each into <see cref="BenchOptions.OutDir"/>.
/// </summary>
internal static class ScalingSweep
{
    /// <summary>The thread counts compared: one, two, and all of this machine's if it has more.</summary>
    public static int[] ThreadCounts(BenchOptions options) => [.. new[] { 1, 2, options.Threads }.Distinct().Order()];

    public static List<ScalingPoint> Run(BenchOptions options, Dataset images)
    {
        var points = new List<ScalingPoint>();
        using (var backend = CpuBackend.CreateDefault(options.Threads))
        {
            foreach (int batch in options.ScalingSizes)
            {
                var (model, loss) = ModelPresets.Create("dense", images.FeatureCount);
                Add(points, new("batch", "dense", batch, "ours", EpochTimer.Measure(model, loss, images, batch, backend, options.Repeats)));
            }
            foreach (int width in options.ScalingSizes)
                Add(points, new("width", "dense", width, "ours", EpochTimer.Measure(ModelPresets.Dense(images.FeatureCount, width), Loss.BinaryCrossEntropy, images, 256, backend, options.Repeats)));
        }
        foreach (int threads in ThreadCounts(options))
        {
            using var backend = CpuBackend.CreateDefault(threads);
            foreach (string workload in options.Workloads)
                Add(points, new("threads", workload, threads, "ours", EpochTimer.Measure(workload, TrainingData(workload, images), backend, options.Repeats)));
        }
        if (!options.SkipTorch && TorchReference.IsAvailable(options, "pytorch scaling"))
            points.AddRange(PyTorch(options));
        Write(points, options);
        return points;
    }

    private static Dataset TrainingData(string workload, Dataset images) => workload == "conv1d" ? SeriesWindows.Generate(seed: 0).Train.Limit(images.Count) : images;

    private static void Add(List<ScalingPoint> points, ScalingPoint point)
    {
        points.Add(point);
        Console.WriteLine($"ours    {point.Sweep,-7} {point.Workload,-6} {point.Value,5} {point.SamplesPerSecond,12:N0} samples/s");
    }

    private static IEnumerable<ScalingPoint> PyTorch(BenchOptions options)
    {
        string script = Path.Combine(BenchOptions.FindRepositoryRoot(), "bench", "scaling", "torch_scaling.py");
        string sizes = string.Join(",", options.ScalingSizes);
        string[] arguments = [script, "--reference", options.ReferenceScript, "--data", options.PeerDataFolder, "--threads", options.Threads.ToString(),
            "--batches", sizes, "--widths", sizes, "--thread-counts", string.Join(",", ThreadCounts(options)), "--workloads", string.Join(",", options.Workloads),
            "--train-samples", options.TrainSamples.ToString(), "--repeats", options.Repeats.ToString()];
        return PeerProcess.JsonLines("pytorch", TorchReference.Python, arguments).Select(row => new ScalingPoint(
            row.GetProperty("sweep").GetString()!, row.GetProperty("workload").GetString()!, row.GetProperty("value").GetInt32(), "pytorch",
            row.GetProperty("train_samples_per_s").GetDouble()));
    }

    private static void Write(List<ScalingPoint> points, BenchOptions options)
    {
        Directory.CreateDirectory(options.OutDir);
        foreach (var (sweep, label) in new[] { ("batch", "batch size"), ("width", "code width N (784-N-784)"), ("threads", "threads") })
        {
            var rows = points.Where(p => p.Sweep == sweep).ToList();
            string csv = Path.Combine(options.OutDir, $"scaling-{sweep}.csv"), png = Path.ChangeExtension(csv, ".png");
            AtomicFile.WriteAllBytes(csv, Encoding.UTF8.GetBytes(Csv(rows, sweep)));
            AtomicFile.WriteAllBytes(png, ScalingPlot.Render(rows, sweep == "threads" ? "training speed against threads" : $"dense: training speed against {label}", label, logX: sweep != "threads"));
            Console.WriteLine($"wrote {csv} and {png}");
        }
    }

    /// <summary>One row per workload and value: <c>workload,SWEEP,ours,pytorch</c> (samples/s; empty where a runner has no figure).</summary>
    public static string Csv(IReadOnlyList<ScalingPoint> points, string sweep)
    {
        var text = new StringBuilder($"workload,{sweep},ours,pytorch\n");
        foreach (var group in points.GroupBy(p => (p.Workload, p.Value)).OrderBy(g => g.Key.Workload, StringComparer.Ordinal).ThenBy(g => g.Key.Value))
        {
            string Cell(string runner) => group.FirstOrDefault(p => p.Runner == runner)?.SamplesPerSecond.ToString("F1", CultureInfo.InvariantCulture) ?? "";
            text.Append(CultureInfo.InvariantCulture, $"{group.Key.Workload},{group.Key.Value},{Cell("ours")},{Cell("pytorch")}\n");
        }
        return text.ToString();
    }
}
