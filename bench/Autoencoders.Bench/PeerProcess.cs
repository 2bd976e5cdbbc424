using System.Diagnostics;
using System.Text.Json;

namespace Autoencoders.Bench;

/// <summary>Runs a peer benchmark (the PyTorch script, the TorchSharp port) and reads the JSON line it prints per workload.</summary>
internal static class PeerProcess
{
    /// <summary>train_samples_per_s by workload; empty, with a line saying why, when the peer fails.</summary>
    public static Dictionary<string, double> Run(string label, string fileName, IEnumerable<string> arguments)
    {
        var result = new Dictionary<string, double>();
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(); // both pipes drained at once, so neither can fill and block the peer
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"{label}: failed (exit {process.ExitCode}): {errors.Result.Trim().Split('\n').LastOrDefault()}");
            return result;
        }
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.TrimStart().StartsWith('{')) continue;
            using var row = JsonDocument.Parse(line);
            result[row.RootElement.GetProperty("workload").GetString()!] = row.RootElement.GetProperty("train_samples_per_s").GetDouble();
            Console.WriteLine($"{label,-10} {line}");
        }
        return result;
    }
}
