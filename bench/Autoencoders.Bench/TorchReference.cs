namespace Autoencoders.Bench;

/// <summary>Runs ../shared/bench/torch_reference.py with Debian's python3 (which has torch) and reads its JSON lines.</summary>
internal static class TorchReference
{
    /// <summary>Debian's python3, which has torch (a virtual environment's may not).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>Whether python3 and the script are there; if not, says so in a line starting with <paramref name="label"/>.</summary>
    public static bool IsAvailable(BenchOptions options, string label)
    {
        if (File.Exists(Python) && File.Exists(options.ReferenceScript)) return true;
        Console.WriteLine($"{label}: skipped ({Python} or {options.ReferenceScript} is missing)");
        return false;
    }

    public static Dictionary<string, double> Run(BenchOptions options)
    {
        if (!IsAvailable(options, "pytorch")) return [];
        return PeerProcess.Run("pytorch", Python, [options.ReferenceScript, .. options.PeerArguments(options.PeerDataFolder, options.Workloads)]);
    }
}
