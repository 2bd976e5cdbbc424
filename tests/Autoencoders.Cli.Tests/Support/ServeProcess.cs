using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Autoencoders.Cli.Tests;

/// <summary>
/// <c>ae serve</c> as the real binary: started with <c>--port 0</c>, its address (and printed token) read from the lines
/// it writes on start, stopped with SIGTERM as a service manager stops it.
/// </summary>
public sealed partial class ServeProcess : IDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, line) => Receive(line.Data);
        process.ErrorDataReceived += (_, line) => Receive(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"ae serve exited ({process.ExitCode}) before listening:\n{Output}"));
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>The token it printed, when it generated one.</summary>
    public string? Token { get; private set; }

    public string Output
    {
        get
        {
            lock (lines) return string.Join("\n", lines);
        }
    }

    /// <summary>Starts <c>ae serve --port 0 ARGS</c> and waits until it says where it listens.</summary>
    public static async Task<ServeProcess> StartAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])[Ae.BinaryPath, "serve", "--port", "0", "--threads", "1", .. args]) start.ArgumentList.Add(arg);
        var server = new ServeProcess(Process.Start(start)!);
        try
        {
            server.Address = await server.listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>SIGTERM, then the exit code once it has wound down.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is null) return;
        lock (lines) lines.Add(line);
        if (TokenLine().Match(line) is { Success: true } token) Token = token.Groups[1].Value;
        if (ListeningLine().Match(line) is { Success: true } address) listening.TrySetResult(new Uri(address.Groups[1].Value));
    }

    [GeneratedRegex(@"^token: (\S+)")]
    private static partial Regex TokenLine();

    [GeneratedRegex(@"^listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
