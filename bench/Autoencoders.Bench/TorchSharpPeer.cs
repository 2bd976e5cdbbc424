using System.Diagnostics;

namespace Autoencoders.Bench;

/// <summary>
/// Builds and runs ../shared/bench/torchsharp, the TorchSharp port of torch_reference.py (same models, data, options
/// and JSON lines). The build goes to <see cref="BenchOptions.TorchSharpArtifacts"/>, outside the project (its output is
/// about 480 MB, and ../shared is read-only); the first one downloads about 300 MB of NuGet packages, later ones are
/// incremental. A peer that cannot be built or run is reported in one line and left out of the table.
/// </summary>
internal static class TorchSharpPeer
{
    /// <summary>Runs <paramref name="assembly"/>, the peer as <see cref="BuiltAssembly"/> found it, on options' workloads.</summary>
    public static Dictionary<string, double> Run(BenchOptions options, string assembly) =>
        PeerProcess.Run("torchsharp", "dotnet", [assembly, .. options.PeerArguments(options.PeerDataFolder, options.Workloads)]);

    /// <summary>The peer's TorchSharpBench.dll, built (incrementally) first; null, with a line saying why, when there is none.</summary>
    public static string? BuiltAssembly(BenchOptions options)
    {
        string project = Path.Combine(options.TorchSharpProject, "TorchSharpBench.csproj");
        if (!File.Exists(project))
        {
            Console.WriteLine($"torchsharp: skipped ({project} is missing)");
            return null;
        }
        string? failure = Build(project, options.TorchSharpArtifacts);
        string? assembly = FindAssembly(options.TorchSharpArtifacts);
        if (assembly is null)
        {
            Console.WriteLine($"torchsharp: skipped (could not build {project} into {options.TorchSharpArtifacts}: {failure ?? "no TorchSharpBench.dll in its output"})");
            return null;
        }
        if (failure is not null) Console.WriteLine($"torchsharp: the build failed ({failure}); running the last one built, {assembly}");
        return assembly;
    }

    /// <summary>dotnet build of the peer; null when it succeeded, else the last line of its output.</summary>
    private static string? Build(string project, string artifacts)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "build", "-c", "Release", project, "--artifacts-path", artifacts, "-v", "quiet", "-nologo" })
            start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode == 0) return null;
            string text = (output + errors.Result).Trim();
            return text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? $"exit {process.ExitCode}";
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            return $"dotnet could not be started: {error.Message}";
        }
    }

    private static string? FindAssembly(string artifacts) =>
        Directory.Exists(Path.Combine(artifacts, "bin"))
            ? Directory.EnumerateFiles(Path.Combine(artifacts, "bin"), "TorchSharpBench.dll", SearchOption.AllDirectories)
                .Where(path => path.Contains("release", StringComparison.OrdinalIgnoreCase)).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
}
