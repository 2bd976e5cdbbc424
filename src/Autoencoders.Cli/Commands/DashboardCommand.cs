using System.CommandLine;
using Autoencoders.Applications.Anomaly;
using Autoencoders.Applications.Training;
using Autoencoders.Cli.Output;
using Autoencoders.Dashboard;
using Autoencoders.Dashboard.Views;
using Autoencoders.Data;
using Autoencoders.Nn.Serialization;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae dashboard DIR...</c>: finished runs side by side in the dashboard — each folder's history.csv and metrics.json,
/// its PNGs, its model's reconstructions and latent space on the test split, a VAE's latent explorer and the anomaly
/// view (score histogram, worst samples with their error heatmaps). Serves until Ctrl-C.
/// </summary>
internal static class DashboardCommand
{
    public static Command Create(TextWriter output)
    {
        var folders = new Argument<string[]>("DIR") { Description = "folders written by ae train --out (each holds model.safetensors)", Arity = ArgumentArity.OneOrMore };
        var data = CommonOptions.Data();
        var normalClasses = new Option<string?>("--normal-classes")
        {
            Description = "labels of the normal classes for the anomaly view (default: the classes each model was trained on)", HelpName = "C,C,...",
        };
        var port = new Option<int>("--port") { Description = "TCP port (default 0: any free one, printed)", DefaultValueFactory = _ => 0, HelpName = "P" };
        var host = new Option<string>("--host") { Description = "address to listen on; anything but loopback gets a printed random token that every request must send", DefaultValueFactory = _ => "127.0.0.1", HelpName = "H" };
        var threads = CommonOptions.Threads();
        var command = new Command("dashboard", "Serve finished training runs side by side in the browser dashboard") { folders, data, normalClasses, port, host, threads };
        command.SetAction(parsed =>
        {
            var options = DashboardHosting.Options(parsed.GetValue(host)!, parsed.GetValue(port));
            var split = ModelData.LoadRaw(parsed.GetValue(data)!);
            Dataset test = split.Test ?? throw new UsageException($"{split.Description}: has no test split; the dashboard shows the models on it");
            int[]? normal = parsed.GetValue(normalClasses) is { } text ? ModelData.ParseClasses(text, test, "--normal-classes", split.Description) : null;
            using var backend = CpuBackend.CreateDefault(CommonOptions.Threads(parsed.GetValue(threads)));
            var entries = parsed.GetValue(folders)!.Select(folder =>
                ReportModel.Load(Path.Combine(folder, "model.safetensors"), split, new ReportOptions { NormalClasses = normal })).ToList();
            var runs = new List<DashboardRun>();
            foreach (var entry in entries)
            {
                entry.Model.Backend = backend;
                runs.Add(Open(entry, test, output));
            }
            var server = DashboardHosting.Start(runs, options, output);
            DashboardHosting.WaitForInterrupt(output, $"serving {runs.Count} {(runs.Count == 1 ? "run" : "runs")}");
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One finished run as the events a live one would have sent, then its model's views on <paramref name="rawTest"/>.</summary>
    private static DashboardRun Open(ReportModel entry, Dataset rawTest, TextWriter output)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(entry.Path))!;
        var run = new DashboardRun(Path.GetFileName(folder), folder);
        var snapshots = new RunSnapshots(run, entry.Test);
        if (entry.Model.IsVariational) run.Decoder = new LatentDecoder(entry.Model, snapshots.Images);
        var history = entry.Files.History;
        run.Publish(new { type = "run", name = run.Name, model = entry.Model.Name, epochs = history?.Epochs.Count ?? 0, batchesPerEpoch = 1, variational = run.Decoder is not null, live = false });
        for (int i = 0; i < (history?.Epochs.Count ?? 0); i++)
        {
            double? validation = history!.ValidationLoss is { } v && double.IsFinite(v[i]) ? v[i] : null;
            run.Publish(new { type = "epoch", epoch = (int)history.Epochs[i], loss = history.Loss[i], valLoss = validation });
        }
        if (entry.Files.Metrics is { } metrics)
            run.Publish(new { type = "metrics", values = metrics.ToDictionary(m => m.Key, m => m.Value) });
        snapshots.Publish(entry.Model, history?.Epochs.Count ?? 0);
        PublishAnomalies(run, entry.Loaded, entry.Path, rawTest, entry.NormalClasses, output);
        run.Publish(new { type = "end" });
        return run;
    }

    /// <summary>The anomaly view of a saved model on <paramref name="rawTest"/> (the data in its own units: the model's
    /// scaler is applied inside), its threshold from the error record the file holds; a model without one says so.</summary>
    public static void PublishAnomalies(DashboardRun run, LoadedModel loaded, string path, Dataset rawTest, int[]? normalClasses, TextWriter output)
    {
        try
        {
            AnomalyView.Publish(run, AnomalyAnalysis.Run(AnomalyDetector.FromModel(loaded), rawTest, normalClasses));
        }
        catch (InvalidOperationException missing)
        {
            output.WriteLine($"dashboard: {path}: no anomaly view ({missing.Message})");
        }
    }
}
