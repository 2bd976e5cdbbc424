namespace Autoencoders.Bench;

/// <summary>Command-line settings of the benchmark; the names follow torch_reference.py's.</summary>
internal sealed record BenchOptions(string Data, int Threads, string[] Workloads, int TrainSamples, int Repeats, bool SkipTorch, string? JsonOut, string ReferenceScript,
    bool SkipTorchSharp, string TorchSharpProject, string TorchSharpArtifacts, bool Breakdown)
{
    public static BenchOptions Parse(string[] args)
    {
        string data = "fashion-mnist", workloads = "dense,deep";
        string? json = null;
        string shared = Path.Combine(FindRepositoryRoot(), "..", "shared", "bench");
        string script = Path.Combine(shared, "torch_reference.py"), torchSharp = Path.Combine(shared, "torchsharp");
        // The peer's build (~480 MB) stays outside the project, as its README asks.
        string artifacts = Environment.GetEnvironmentVariable("AE_TORCHSHARP_ARTIFACTS")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "autoencoders-bench", "torchsharp");
        int threads = Environment.ProcessorCount, samples = 20000, repeats = 3;
        bool skipTorch = false, skipTorchSharp = false, breakdown = false;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--data": data = Value(); break;
                case "--threads": threads = int.Parse(Value()); break;
                case "--workloads": workloads = Value(); break;
                case "--train-samples": samples = int.Parse(Value()); break;
                case "--repeats": repeats = int.Parse(Value()); break;
                case "--no-torch": skipTorch = true; break;
                case "--no-torchsharp": skipTorchSharp = true; break;
                case "--torchsharp-artifacts": artifacts = Value(); break;
                case "--json": json = Value(); break;
                case "--breakdown": breakdown = true; break;
                case "--reference": script = Value(); break;
                default: throw new ArgumentException($"unknown option {args[i]}; options: --data --threads --workloads --train-samples --repeats --no-torch --no-torchsharp --torchsharp-artifacts --json --breakdown --reference");
            }
        }
        return new BenchOptions(data, threads, workloads.Split(','), samples, repeats, skipTorch, json, Path.GetFullPath(script),
            skipTorchSharp, Path.GetFullPath(torchSharp), Path.GetFullPath(artifacts), breakdown);
    }

    /// <summary>The Fashion-MNIST folder the peers read (they take a folder, not our dataset names).</summary>
    public string PeerDataFolder => Data == "fashion-mnist" ? "/usr/share/datasets/fashion-mnist" : Data;

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Autoencoders.slnx")))
                return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
