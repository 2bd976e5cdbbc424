using System.CommandLine;
using Autoencoders.Applications.Training;
using Autoencoders.Dashboard;
using Autoencoders.Dashboard.Feed;
using Autoencoders.Dashboard.Views;
using Autoencoders.Data;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;
using Autoencoders.Nn.Training;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae train --dashboard</c>: the live dashboard beside a training run. Its options are shared instances, so that the
/// train command lists them without lines of its own; <see cref="Start"/> adds the feed to the callbacks,
/// <see cref="Finish"/> adds the finished model's anomaly view and ends the run, and disposing stops the server —
/// after Ctrl-C when <c>--dashboard-wait</c> asked to keep it up.
/// </summary>
internal sealed class TrainDashboard : IDisposable
{
    public static readonly Option<bool> Enabled = new("--dashboard") { Description = "serve a live dashboard while training (loss, samples/s, ETA, reconstructions, latent space; the address is printed)" };
    public static readonly Option<int> Port = new("--port") { Description = "--dashboard: TCP port (default 0: any free one)", DefaultValueFactory = _ => 0, HelpName = "P" };
    public static readonly Option<string> Host = new("--host") { Description = "--dashboard: address to listen on; anything but loopback gets a printed random token that every request must send", DefaultValueFactory = _ => "127.0.0.1", HelpName = "H" };
    public static readonly Option<bool> Wait = new("--dashboard-wait") { Description = "--dashboard: keep serving after training ends, until Ctrl-C" };

    private readonly DashboardServer server;
    private readonly DashboardRun run;
    private readonly LiveTrainingFeed feed;
    private readonly bool wait;
    private readonly TextWriter output;

    private TrainDashboard(DashboardServer server, DashboardRun run, LiveTrainingFeed feed, bool wait, TextWriter output)
    {
        (this.server, this.run, this.feed, this.wait, this.output) = (server, run, feed, wait, output);
    }

    /// <summary>What the command line asked for: null without --dashboard.</summary>
    public sealed record Request(DashboardOptions Options, bool Wait);

    public static Request? Read(ParseResult parsed)
    {
        bool enabled = parsed.GetValue(Enabled);
        if (!enabled)
        {
            foreach (var option in new Option[] { Port, Host, Wait })
                if (parsed.GetResult(option) is { Implicit: false })
                    throw new UsageException($"{option.Name}: belongs to --dashboard, which is not given");
            return null;
        }
        return new Request(DashboardHosting.Options(parsed.GetValue(Host)!, parsed.GetValue(Port)), parsed.GetValue(Wait));
    }

    /// <summary>Starts the server for <paramref name="model"/> and adds its feed to <paramref name="callbacks"/>; null when
    /// <paramref name="request"/> is. <paramref name="samples"/> (scaled as the model takes them) give the snapshots.</summary>
    public static TrainDashboard? Start(Request? request, Autoencoder model, Dataset samples, List<Callback> callbacks, TextWriter output)
    {
        if (request is null) return null;
        var run = new DashboardRun(model.Name);
        var snapshots = new RunSnapshots(run, samples);
        if (model.IsVariational) run.Decoder = new LatentDecoder(model, snapshots.Images);
        var server = DashboardHosting.Start([run], request.Options, output);
        var feed = new LiveTrainingFeed(run, snapshots) { EndsWithTraining = false }; // Finish ends the run, after the anomaly view
        callbacks.Add(feed);
        return new TrainDashboard(server, run, feed, request.Wait, output);
    }

    /// <summary>Once the model is saved with its error record: the anomaly view that <c>ae dashboard</c> gives the run
    /// folder — the score histogram and the worst samples of <paramref name="rawTest"/> (the test split in its own units),
    /// for the normal classes it was trained on if any — then the run's end.</summary>
    public void Finish(string modelPath, TrainSettings settings, Autoencoder trained, Dataset? rawTest)
    {
        if (rawTest is not null)
        {
            var loaded = ModelFile.Load(modelPath);
            loaded.Model.Backend = trained.Backend;
            int[]? normal = settings.Classes is { } classes ? ModelData.ParseClasses(classes, rawTest, "--classes", $"the test split of {settings.Data}") : null;
            DashboardCommand.PublishAnomalies(run, loaded, modelPath, rawTest, normal, output);
        }
        feed.End();
    }

    public void Dispose()
    {
        feed.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (wait) DashboardHosting.WaitForInterrupt(output, "training done; the dashboard stays up");
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
