using System.Diagnostics;

namespace Autoencoders.Bench;

/// <summary>
/// Another process spinning on one core while it lives, as on a machine shared with other jobs (<c>--busy-core</c>).
/// The spinner is a shell loop that also checks, every pass, that the bench still runs, so it ends by itself even when
/// the bench is killed by a signal that runs no clean-up; <see cref="Dispose"/> (also run on Ctrl-C and at exit)
/// kills it at once.
/// </summary>
internal sealed class BusyCore : IDisposable
{
    private readonly Process spinner;
    private int disposed;

    public BusyCore()
    {
        // kill -0 is dash's built-in: a probe of the bench's pid, not a new process, so the loop stays on its core.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"while kill -0 {Environment.ProcessId} 2>/dev/null; do :; done");
        spinner = Process.Start(start) ?? throw new InvalidOperationException("--busy-core: /bin/sh did not start");
        Console.CancelKeyPress += OnCancel;
        AppDomain.CurrentDomain.ProcessExit += OnExit;
    }

    /// <summary>The spinner's process id.</summary>
    public int ProcessId => spinner.Id;

    public bool HasExited => spinner.HasExited;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        Console.CancelKeyPress -= OnCancel;
        AppDomain.CurrentDomain.ProcessExit -= OnExit;
        try
        {
            spinner.Kill();
            spinner.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // it had already ended
        }
        spinner.Dispose();
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e) => Dispose();

    private void OnExit(object? sender, EventArgs e) => Dispose();
}
