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
        var noBatching = new Option<bool>("--no-batching") { Description = "each request its own forward pass, none shared (faster for small models whose requests are mostly parsing: see bench serve-load)" };
        var contamination = ThresholdOptions.Contamination();
        var quantile = ThresholdOptions.Quantile();
        var threshold = ThresholdOptions.Threshold();
        var threads = CommonOptions.Threads();
        var command = new Command("serve", "Serve a trained model over HTTP: scores, flags, explanations, codes and reconstructions")
        {
            model, port, host, token, maxBody, noBatching, quantile, contamination, threshold, threads,
        };
        command.SetAction(parsed =>
        {
            var rule = ThresholdOptions.Parse(parsed.GetValue(contamination), parsed.GetValue(quantile), parsed.GetValue(threshold));
            var (options, generated) = Options(parsed.GetValue(host)!, parsed.GetValue(port), parsed.GetValue(token), parsed.GetValue(maxBody));
            options = options with { Batching = !parsed.GetValue(noBatching) };
            // The threshold is the model's, resolved against its training record exactly as ae detect --input resolves it.
            var served = new ServedModel(DetectCommand.LoadDetector(parsed.GetValue(model)!, rule, CommonOptions.Threads(parsed.GetValue(threads))));
            Serve(served, options, generated, output).GetAwaiter().GetResult();
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The checked options; a non-loopback host without --token gets a random token, printed.</summary>
    private static (ServerOptions Options, bool Generated) Options(string hostText, int port, string? token, long maxBodyBytes)
    {
        IPAddress host = hostText == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(hostText, out var address) ? address
            : throw new UsageException($"--host: expected an IP address such as 127.0.0.1 or 0.0.0.0, received \"{hostText}\"");
        if (port is < 0 or > 65535) throw new UsageException($"--port: expected 0 to 65535, received {port}");
        if (maxBodyBytes <= 0) throw new UsageException($"--max-body-bytes: expected a positive number of bytes, received {maxBodyBytes}");
        if (token is not null && string.IsNullOrWhiteSpace(token)) throw new UsageException("--token: expected a non-empty token, received an empty one");
        bool generate = token is null && !BearerToken.IsLoopback(host);
        return (new ServerOptions { Host = host, Port = port, Token = generate ? BearerToken.Generate() : token, MaxBodyBytes = maxBodyBytes }, generate);
    }

    private static async Task Serve(ServedModel model, ServerOptions options, bool generatedToken, TextWriter output)
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
        if (generatedToken)
            output.WriteLine($"token: {options.Token}   (host {options.Host} is reachable from other machines: every request must send Authorization: Bearer TOKEN)");
        output.WriteLine($"listening on {server.Address.ToString().TrimEnd('/')} (POST /score, /encode, /reconstruct; GET /health, /model); Ctrl-C stops");
        output.Flush();
        await stop.Task;
        output.WriteLine("stopping: finishing the requests in flight");
        await server.DisposeAsync();
        var (requests, passes) = server.Counts;
        output.WriteLine($"stopped; requests answered: {requests:N0}, in forward passes: {passes:N0}");

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true; // not the default exit: the server winds down first
            stop.TrySetResult();
        }
    }
}
