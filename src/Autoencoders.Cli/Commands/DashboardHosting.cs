using System.Net;
using System.Runtime.InteropServices;
using Autoencoders.Dashboard;
using Autoencoders.Serving.Security;

namespace Autoencoders.Cli.Commands;

/// <summary>What <c>ae train --dashboard</c> and <c>ae dashboard</c> share: reading --host and --port, starting the
/// server with the token a non-loopback host needs, printing where it is, and waiting for Ctrl-C.</summary>
internal static class DashboardHosting
{
    public static DashboardOptions Options(string hostText, int port)
    {
        IPAddress host = hostText == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(hostText, out var address) ? address
            : throw new UsageException($"--host: expected an IP address such as 127.0.0.1 or 0.0.0.0, received \"{hostText}\"");
        if (port is < 0 or > 65535) throw new UsageException($"--port: expected 0 to 65535, received {port}");
        return new DashboardOptions { Host = host, Port = port, Token = BearerToken.IsLoopback(host) ? null : BearerToken.Generate() };
    }

    /// <summary>Starts the server and prints its address (with the token, when there is one) as the first lines.</summary>
    public static DashboardServer Start(IReadOnlyList<DashboardRun> runs, DashboardOptions options, TextWriter output)
    {
        DashboardServer server;
        try
        {
            server = DashboardServer.StartAsync(runs, options).GetAwaiter().GetResult();
        }
        catch (IOException error)
        {
            throw new UsageException($"--host {options.Host} --port {options.Port}: cannot listen there ({error.Message})");
        }
        string address = server.Address.ToString().TrimEnd('/');
        if (options.Token is not null)
        {
            output.WriteLine($"token: {options.Token}   (host {options.Host} is reachable from other machines: every request must send it)");
            output.WriteLine($"dashboard on {address}/?token={options.Token}");
        }
        else
        {
            output.WriteLine($"dashboard on {address}/");
        }
        output.Flush();
        return server;
    }

    /// <summary>Blocks until SIGINT (Ctrl-C) or SIGTERM.</summary>
    public static void WaitForInterrupt(TextWriter output, string what)
    {
        output.WriteLine($"{what}; Ctrl-C stops");
        output.Flush();
        using var stop = new ManualResetEventSlim();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        stop.Wait();

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true; // the caller stops the server and returns normally
            stop.Set();
        }
    }
}
