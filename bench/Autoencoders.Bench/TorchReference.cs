namespace Autoencoders.Bench;

/// <summary>Runs ../shared/bench/torch_reference.py with Debian's python3 (which has torch) and reads its JSON lines.</summary>
internal static class TorchReference
{
    public static Dictionary<string, double> Run(BenchOptions options)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python) || !File.Exists(options.ReferenceScript))
        {
            Console.WriteLine($"pytorch: skipped ({python} or {options.ReferenceScript} is missing)");
            return [];
        }
        return PeerProcess.Run("pytorch", python, [options.ReferenceScript, "--data", options.PeerDataFolder, "--threads", options.Threads.ToString(),
            "--workloads", string.Join(",", options.Workloads), "--train-samples", options.TrainSamples.ToString(), "--repeats", options.Repeats.ToString()]);
    }
}
