using System.Diagnostics;
using System.Text.Json;

namespace Autoencoders.Bench;

/// <summary>Runs ../shared/bench/torch_reference.py with Debian's python3 (which has torch) and reads its JSON lines.</summary>
internal static class TorchReference
{
    public static Dictionary<string, double> Run(BenchOptions options)
    {
        var result = new Dictionary<string, double>();
        const string python = "/usr/bin/python3";
        if (!File.Exists(python) || !File.Exists(options.ReferenceScript))
        {
            Console.WriteLine($"pytorch: skipped ({python} or {options.ReferenceScript} is missing)");
            return result;
        }
        string data = options.Data == "fashion-mnist" ? "/usr/share/datasets/fashion-mnist" : options.Data;
        var start = new ProcessStartInfo(python)
        {
            ArgumentList = { options.ReferenceScript, "--data", data, "--threads", options.Threads.ToString(), "--workloads", string.Join(",", options.Workloads),
                "--train-samples", options.TrainSamples.ToString(), "--repeats", options.Repeats.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"pytorch: failed (exit {process.ExitCode}): {errors.Trim().Split('\n').LastOrDefault()}");
            return result;
        }
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var row = JsonDocument.Parse(line);
            result[row.RootElement.GetProperty("workload").GetString()!] = row.RootElement.GetProperty("train_samples_per_s").GetDouble();
            Console.WriteLine($"pytorch {line}");
        }
        return result;
    }
}
