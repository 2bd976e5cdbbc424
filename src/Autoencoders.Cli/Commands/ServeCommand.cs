using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Autoencoders.Serving;
using Autoencoders.Serving.Inference;
using Autoencoders.Serving.Security;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae serve</c>: a trained model behind HTTP. POST /score, /encode and /reconstruct take rows as JSON or CSV and
/// answer as <c>ae detect --input</c> would for the same rows; GET /health and /model. Loopback unless <c>--host</c>
/// says otherwise, and then only with a bearer token. Runs until Ctrl-C or SIGTERM, then lets requests in flight finish.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "a model file written by ae train", Required = true, HelpName = "MODEL" };
        var port = new Option<int>("--port") { Description = "TCP port (0: any free one, printed on start)", DefaultValueFactory = _ => 8080, HelpName = "P" };
        var host = new Option<string>("--host") { Description = "address to listen on; anything but loopback needs a token (--token, else a random one is printed)", DefaultValueFactory = _ => "127.0.0.1", HelpName = "H" };
        var token = new Option<string?>("--token") { Description = "the bearer token every request must send (Authorization: Bearer T)", HelpName = "T" };
        var maxBody = new Option<long>("--max-body-bytes") { Description = "larger request bodies get 413", DefaultValueFactory = _ => ServerOptions.DefaultMaxBodyBytes, HelpName = "N" };
        var contamination = new Option<double?>("--contamination") { Description = "threshold that flags this fraction of the samples recorded at training (the 1 − F quantile of their errors)", HelpName = "F" };
        var quantile = new Option<double?>("--threshold-quantile") { Description = "threshold at this quantile of the errors recorded at training (default 0.95)", HelpName = "Q" };
        var threshold = new Option<double?>("--threshold") { Description = "threshold on the error itself (flag: error > X)", HelpName = "X" };
        var threads = CommonOptions.Threads();
        var command = new Command("serve", "Serve a trained model over HTTP: scores, flags, explanations, codes and reconstructions")
        {
            model, port, host, token, maxBody, quantile, contamination, threshold, threads,
        };
        command.SetAction(parsed =>
        {
            var options = Options(parsed.GetValue(host)!, parsed.GetValue(port), parsed.GetValue(token), parsed.GetValue(maxBody), output);
            var served = ServedModels.Load(parsed.GetValue(model)!, parsed.GetValue(contamination), parsed.GetValue(quantile), parsed.GetValue(threshold), CommonOptions.Threads(parsed.GetValue(threads)));
            Serve(served, options, output).GetAwaiter().GetResult();
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The checked options; a non-loopback host without --token gets a random token, printed.</summary>
    private static ServerOptions Options(string hostText, int port, string? token, long maxBodyBytes, TextWriter output)
    {
        IPAddress host = hostText == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(hostText, out var address) ? address
            : throw new UsageException($"--host: expected an IP address such as 127.0.0.1 or 0.0.0.0, received \"{hostText}\"");
        if (port is < 0 or > 65535) throw new UsageException($"--port: expected 0 to 65535, received {port}");
        if (maxBodyBytes <= 0) throw new UsageException($"--max-body-bytes: expected a positive number of bytes, received {maxBodyBytes}");
        if (token is not null && string.IsNullOrWhiteSpace(token)) throw new UsageException("--token: expected a non-empty token, received an empty one");
        if (token is null && !BearerToken.IsLoopback(host))
        {
            token = BearerToken.Generate();
            output.WriteLine($"token: {token}   (host {host} is reachable from other machines: send Authorization: Bearer TOKEN)");
        }
        return new ServerOptions { Host = host, Port = port, Token = token, MaxBodyBytes = maxBodyBytes };
    }

    private static async Task Serve(ServedModel model, ServerOptions options, TextWriter output)
    {
        ScoringServer server;
        try
        {
            server = await ScoringServer.StartAsync(model, options);
        }
        catch (IOException error)
        {
            throw new UsageException($"--host {options.Host} --port {options.Port}: cannot listen there ({error.Message})");
        }
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ae serve: {model.Model.Name}, {model.InputSize} inputs, code {model.CodeSize}; threshold {model.Threshold:G6}: {model.ThresholdRule}"));
        output.WriteLine($"listening on {server.Address.ToString().TrimEnd('/')} (POST /score, /encode, /reconstruct; GET /health, /model); Ctrl-C stops");
        output.Flush();
        await stop.Task;
        output.WriteLine("stopping: finishing the requests in flight");
        await server.DisposeAsync();
        var (requests, passes) = server.Counts;
        output.WriteLine($"stopped after {requests:N0} requests in {passes:N0} forward passes");

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true; // not the default exit: the server winds down first
            stop.TrySetResult();
        }
    }
}
