using System.Diagnostics;

namespace Autoencoders.Cli.Tests;

/// <summary>What one run of <c>ae</c> produced.</summary>
public sealed record AeResult(int ExitCode, string Output, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs <c>ae</c>: in this process through <see cref="CliApp.Run"/>, or as the real binary (<c>dotnet ae.dll</c>).</summary>
public static class Ae
{
    public static AeResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = CliApp.Run(args, output, error);
        return new AeResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The ae.dll that the project reference copies next to the tests.</summary>
    public static string BinaryPath => Path.Combine(AppContext.BaseDirectory, "ae.dll");

    public static AeResult RunBinary(params string[] args) => RunBinary(new Dictionary<string, string>(), args);

    /// <summary>Runs the real binary with <paramref name="environment"/> added to this process's variables.</summary>
    public static AeResult RunBinary(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BinaryPath);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("AE_DEBUG");
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ae {string.Join(' ', args)} ran for more than 2 minutes");
        }
        return new AeResult(process.ExitCode, output.Result, error.Result);
    }
}
