namespace Autoencoders.Bench;

/// <summary>Command-line settings of the benchmark; the names follow torch_reference.py's.</summary>
internal sealed record BenchOptions(string Data, int Threads, string[] Workloads, int TrainSamples, int Repeats, bool SkipTorch, string? JsonOut, string ReferenceScript,
    bool SkipTorchSharp, string TorchSharpProject, string TorchSharpArtifacts, bool Breakdown)
{
    /// <summary>Adds GFLOP/s per workload and the sgemm peak measured in the same run (<see cref="TrainingFlops"/>).</summary>
    public bool Gflops { get; init; }

    /// <summary>Runs every figure, ours and the peers', while a spinning process keeps one core busy (<see cref="BusyCore"/>).</summary>
    public bool BusyCore { get; init; }

    /// <summary>Samples/s against batch size, width and threads, ours and PyTorch's, as CSV and PNG (<see cref="ScalingSweep"/>).</summary>
    public bool Scaling { get; init; }

    /// <summary>Peak RSS of training each workload, each in its own child process (<see cref="PeakMemory"/>).</summary>
    public bool Memory { get; init; }

    /// <summary>How many times the whole comparison runs, each workload's figures (ours, then each peer's) one after the other in each round.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>The folder the CSVs and PNGs go to.</summary>
    public string OutDir { get; init; } = "bench-output";

    /// <summary>The batch sizes and widths of <c>--scaling</c> (32, 64, …, 4096 by default).</summary>
    public int[] ScalingSizes { get; init; } = [32, 64, 128, 256, 512, 1024, 2048, 4096];

    public const string Usage = "options: --data --threads --workloads --train-samples --repeats --no-torch --no-torchsharp --torchsharp-artifacts --json --breakdown --reference " +
        "--gflops --busy-core --scaling [--scaling-sizes 32,64,...] --memory --out DIR --rounds N";

    public static BenchOptions Parse(string[] args)
    {
        string data = "fashion-mnist", workloads = "dense,deep", outDir = "bench-output";
        string? json = null, sizes = null;
        string shared = Path.Combine(FindRepositoryRoot(), "..", "shared", "bench");
        string script = Path.Combine(shared, "torch_reference.py"), torchSharp = Path.Combine(shared, "torchsharp");
        // The peer's build (~480 MB) stays outside the project, as its README asks.
        string artifacts = Environment.GetEnvironmentVariable("AE_TORCHSHARP_ARTIFACTS")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "autoencoders-bench", "torchsharp");
        int threads = Environment.ProcessorCount, samples = 20000, repeats = 3, rounds = 1;
        bool skipTorch = false, skipTorchSharp = false, breakdown = false, gflops = false, busyCore = false, scaling = false, memory = false;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Positive() => PositiveNumber(args[i], Value());
            switch (args[i])
            {
                case "--data": data = Value(); break;
                case "--threads": threads = Positive(); break;
                case "--workloads": workloads = Value(); break;
                case "--train-samples": samples = Positive(); break;
                case "--repeats": repeats = Positive(); break;
                case "--no-torch": skipTorch = true; break;
                case "--no-torchsharp": skipTorchSharp = true; break;
                case "--torchsharp-artifacts": artifacts = Value(); break;
                case "--json": json = Value(); break;
                case "--breakdown": breakdown = true; break;
                case "--reference": script = Value(); break;
                case "--gflops": gflops = true; break;
                case "--busy-core": busyCore = true; break;
                case "--scaling": scaling = true; break;
                case "--scaling-sizes": sizes = Value(); break;
                case "--memory": memory = true; break;
                case "--out": outDir = Value(); break;
                case "--rounds": rounds = Positive(); break;
                default: throw new ArgumentException($"unknown option {args[i]}; {Usage}");
            }
        }
        var options = new BenchOptions(data, threads, workloads.Split(','), samples, repeats, skipTorch, json, Path.GetFullPath(script),
            skipTorchSharp, Path.GetFullPath(torchSharp), Path.GetFullPath(artifacts), breakdown)
        {
            Gflops = gflops, BusyCore = busyCore, Scaling = scaling, Memory = memory, OutDir = outDir, Rounds = rounds,
        };
        return sizes is null ? options : options with { ScalingSizes = [.. sizes.Split(',').Select(size => PositiveNumber("--scaling-sizes", size))] };
    }

    /// <summary>The Fashion-MNIST folder the peers read (they take a folder, not our dataset names).</summary>
    public string PeerDataFolder => Data == "fashion-mnist" ? "/usr/share/datasets/fashion-mnist" : Data;

    /// <summary>The options that ours and both peers read alike, for one run of <paramref name="workloads"/>.</summary>
    public string[] PeerArguments(string data, IEnumerable<string> workloads, int? threads = null) =>
        ["--data", data, "--threads", (threads ?? Threads).ToString(), "--workloads", string.Join(",", workloads),
         "--train-samples", TrainSamples.ToString(), "--repeats", Repeats.ToString()];

    /// <summary>The option's value as a positive whole number, or the one-line error the bench exits 2 with.</summary>
    public static int PositiveNumber(string option, string value) =>
        int.TryParse(value, out int number) && number > 0
            ? number
            : throw new ArgumentException($"{option}: expected a positive whole number, received \"{value}\"");

    /// <summary>The repository's root (the folder of Autoencoders.slnx above the running bench), where its scripts are.</summary>
    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Autoencoders.slnx")))
                return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
