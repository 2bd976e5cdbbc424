using System.Diagnostics;
using System.Text.Json;

namespace Autoencoders.Bench;

/// <summary>
/// <c>--memory</c>: the peak resident set size of training each workload, ours and the peers', each in a child process
/// of its own that loads the data and trains as the speed figures do (warm-up and the timed epochs). The child runs under
/// bench/memory/peak_rss.py, which reads its peak from the kernel when it exits (getrusage of its one child), so ours and
/// the peers are measured by the same means. Ours is this bench started again for the one workload, without peers.
/// </summary>
internal static class PeakMemory
{
    /// <summary>MiB (2^20 bytes) by runner ("ours", "pytorch", "torchsharp") and workload.</summary>
    public static Dictionary<string, Dictionary<string, double>> Run(BenchOptions options)
    {
        var result = new Dictionary<string, Dictionary<string, double>> { ["ours"] = [], ["pytorch"] = [], ["torchsharp"] = [] };
        bool torch = !options.SkipTorch && TorchReference.IsAvailable(options, "pytorch memory");
        string? torchSharp = options.SkipTorchSharp ? null : TorchSharpPeer.BuiltAssembly(options);
        foreach (string workload in options.Workloads)
        {
            var (ourCommand, ourArguments) = SelfCommand();
            Record(result["ours"], "ours", workload, ourCommand, [.. ourArguments, .. options.PeerArguments(options.Data, [workload]), "--no-torch", "--no-torchsharp"]);
            if (torch)
                Record(result["pytorch"], "pytorch", workload, TorchReference.Python, [options.ReferenceScript, .. options.PeerArguments(options.PeerDataFolder, [workload])]);
            if (torchSharp is not null)
                Record(result["torchsharp"], "torchsharp", workload, "dotnet", [torchSharp, .. options.PeerArguments(options.PeerDataFolder, [workload])]);
        }
        Console.WriteLine();
        Console.WriteLine($"{"workload",-8} {"peak RSS (MiB): ours",21} {"pytorch",9} {"torchsharp",11} {"ours / pytorch",15}");
        foreach (string workload in options.Workloads)
        {
            string Cell(string runner) => result[runner].TryGetValue(workload, out double value) ? value.ToString("N0") : "n/a";
            string ratio = result["ours"].TryGetValue(workload, out double ours) && result["pytorch"].TryGetValue(workload, out double pytorch) ? $"{ours / pytorch:F2}x" : "n/a";
            Console.WriteLine($"{workload,-8} {Cell("ours"),21} {Cell("pytorch"),9} {Cell("torchsharp"),11} {ratio,15}");
        }
        return result;
    }

    private static void Record(Dictionary<string, double> into, string label, string workload, string fileName, IEnumerable<string> arguments)
    {
        var (megabytes, failure) = Measure(fileName, arguments);
        if (megabytes is { } value)
        {
            into[workload] = value;
            Console.WriteLine($"{label,-10} {workload,-6} peak RSS {value,8:N0} MiB");
        }
        else Console.WriteLine($"{label,-10} {workload,-6} peak RSS n/a: {failure}");
    }

    /// <summary>The peak RSS in MiB of running <paramref name="fileName"/> with <paramref name="arguments"/> to its end;
    /// null and the reason when it failed or could not be measured.</summary>
    public static (double? Megabytes, string? Failure) Measure(string fileName, IEnumerable<string> arguments)
    {
        string wrapper = Path.Combine(BenchOptions.FindRepositoryRoot(), "bench", "memory", "peak_rss.py");
        if (!File.Exists(TorchReference.Python) || !File.Exists(wrapper))
            return (null, $"{TorchReference.Python} or {wrapper} is missing");
        var start = new ProcessStartInfo(TorchReference.Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in (string[])[wrapper, fileName, .. arguments]) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(); // both pipes drained at once, so neither can fill and block the child
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string? last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (process.ExitCode != 0 || last is null || !last.StartsWith("{\"peak_rss_kb\"", StringComparison.Ordinal))
            return (null, $"exit {process.ExitCode}: {errors.Result.Trim().Split('\n').LastOrDefault()}");
        using var row = JsonDocument.Parse(last);
        return (row.RootElement.GetProperty("peak_rss_kb").GetDouble() / 1024, null);
    }

    /// <summary>How to start this bench again: its apphost, or <c>dotnet</c> and its assembly when it runs through dotnet.</summary>
    private static (string FileName, string[] Arguments) SelfCommand()
    {
        string host = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? (host, [typeof(PeakMemory).Assembly.Location]) : (host, []);
    }
}
