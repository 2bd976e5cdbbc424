using System.Diagnostics;
using System.Text.Json;

namespace Autoencoders.Bench;

/// <summary>Runs a peer benchmark (the PyTorch script, the TorchSharp port) and reads the JSON line it prints per workload.</summary>
internal static class PeerProcess
{
    /// <summary>train_samples_per_s by workload; empty, with a line saying why, when the peer fails.</summary>
    public static Dictionary<string, double> Run(string label, string fileName, IEnumerable<string> arguments) =>
        JsonLines(label, fileName, arguments).ToDictionary(row => row.GetProperty("workload").GetString()!, row => row.GetProperty("train_samples_per_s").GetDouble());

    /// <summary>Every JSON line the peer prints on stdout, each echoed after <paramref name="label"/>; none, with a line
    /// saying why, when the peer fails.</summary>
    public static List<JsonElement> JsonLines(string label, string fileName, IEnumerable<string> arguments)
    {
        var rows = new List<JsonElement>();
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(); // both pipes drained at once, so neither can fill and block the peer
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            string reason = errors.Result.Trim().Split('\n').LastOrDefault() ?? "";
            // A fresh machine lacks Debian's PyTorch until someone installs it: say how, not only what broke.
            string hint = reason.Contains("No module named 'torch'") ? " (install it: apt-get install python3-torch)" : "";
            Console.WriteLine($"{label}: failed (exit {process.ExitCode}): {reason}{hint}");
            return rows;
        }
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.TrimStart().StartsWith('{')) continue;
            using var row = JsonDocument.Parse(line);
            rows.Add(row.RootElement.Clone());
            Console.WriteLine($"{label,-10} {line}");
        }
        return rows;
    }
}
