using System.CommandLine;
using Autoencoders.Applications.Training;
using Autoencoders.Dashboard;
using Autoencoders.Dashboard.Feed;
using Autoencoders.Dashboard.Views;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;
using Autoencoders.Nn.Training;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae train --dashboard</c>: the live dashboard beside a training run. Its options are shared instances, so that the
/// train command lists them without lines of its own; <see cref="Start"/> (the recipe's
/// <see cref="TrainingRecipe.BeforeFit"/>) starts the server and gives the feed to Fit, <see cref="Finish"/> adds the
/// finished model's anomaly view and ends the run, and disposing stops the server — after Ctrl-C when
/// <c>--dashboard-wait</c> asked to keep it up.
/// </summary>
internal sealed class TrainDashboard : IDisposable
{
    public static readonly Option<bool> Enabled = new("--dashboard") { Description = "serve a live dashboard while training (loss, samples/s, ETA, reconstructions, latent space; the address is printed)" };
    public static readonly Option<int> Port = new("--port") { Description = "--dashboard: TCP port (default 0: any free one)", DefaultValueFactory = _ => 0, HelpName = "P" };
    public static readonly Option<string> Host = new("--host") { Description = "--dashboard: address to listen on; anything but loopback gets a printed random token that every request must send", DefaultValueFactory = _ => "127.0.0.1", HelpName = "H" };
    public static readonly Option<bool> Wait = new("--dashboard-wait") { Description = "--dashboard: keep serving after training ends, until Ctrl-C" };

    private readonly Request request;
    private readonly TextWriter output;
    private DashboardServer? server;
    private DashboardRun? run;
    private LiveTrainingFeed? feed;

    private TrainDashboard(Request request, TextWriter output) => (this.request, this.output) = (request, output);

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

    /// <summary>The dashboard of one run, started by <see cref="Start"/>; null when <paramref name="request"/> is.</summary>
    public static TrainDashboard? For(Request? request, TextWriter output) => request is null ? null : new TrainDashboard(request, output);

    /// <summary>Starts the server for <paramref name="model"/> and returns its feed for Fit. The test split (else the
    /// validation or training data), scaled as the model takes it, gives the snapshots.</summary>
    public IEnumerable<Callback> Start(Autoencoder model, TrainingData data)
    {
        run = new DashboardRun(model.Name);
        var snapshots = new RunSnapshots(run, data.Split.Test ?? data.Validation ?? data.Split.Train);
        if (model.IsVariational) run.Decoder = new LatentDecoder(model, snapshots.Images);
        server = DashboardHosting.Start([run], request.Options, output);
        feed = new LiveTrainingFeed(run, snapshots) { EndsWithTraining = false }; // Finish ends the run, after the anomaly view
        return [feed];
    }

    /// <summary>Once the model is saved with its error record: the anomaly view that <c>ae dashboard</c> gives the run
    /// folder — the score histogram and the worst samples of the test split in its own units, for the normal classes
    /// it was trained on if any — then the run's end.</summary>
    public void Finish(TrainingResult trained)
    {
        if (run is null || feed is null) return;
        if (trained.Data.RawTest is { } rawTest && trained.ModelPath is { } modelPath)
        {
            // From the file, as ae dashboard reads the run folder: the same view of the same bytes.
            var loaded = ModelFile.Load(modelPath);
            loaded.Model.Backend = trained.Model.Backend;
            var settings = trained.Settings;
            int[]? normal = settings.Classes is { } classes ? ModelData.ParseClasses(classes, rawTest, "--classes", $"the test split of {settings.Data}") : null;
            DashboardCommand.PublishAnomalies(run, loaded, modelPath, rawTest, normal, output);
        }
        feed.End();
    }

    public void Dispose()
    {
        if (server is null) return; // training failed before Fit: nothing was started
        feed?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (request.Wait) DashboardHosting.WaitForInterrupt(output, "training done; the dashboard stays up");
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
