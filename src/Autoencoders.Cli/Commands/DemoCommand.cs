using System.CommandLine;
using System.Diagnostics;
using Autoencoders.Applications.Training;
using Autoencoders.Cli.Output;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae demo</c>: the main job on the default data in a few minutes — trains the seeds' models (the dense
/// autoencoder, the deep one with a 2-D code, the denoising one and the VAE) as <c>ae train</c> does, each into its
/// folder, then writes one HTML report about the models it holds.
/// The dense model is trained without one class (Bag on Fashion-MNIST), so that the report's anomaly section can
/// show how well reconstruction error finds the class it never saw.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The class left out of the dense model's training: 8 is Bag on Fashion-MNIST, the digit 8 on MNIST.</summary>
    public const int AnomalyClass = 8;

    private sealed record DemoModel(string Preset, int? Code, string Folder, string Role);

    public static Command Create(TextWriter output)
    {
        var data = CommonOptions.Data();
        var outFolder = new Option<string>("--out") { Description = "output folder: one subfolder per model (as ae train writes it) and report.html", DefaultValueFactory = _ => "demo-output", HelpName = "DIR" };
        var epochs = new Option<int>("--epochs") { Description = "epochs for each model", DefaultValueFactory = _ => 5, HelpName = "N" };
        var limit = CommonOptions.Limit();
        var threads = CommonOptions.Threads();
        var command = new Command("demo", "Train the seeds' autoencoders (dense, deep with a 2-D code, denoising, VAE) and write an HTML report about them")
        {
            data, outFolder, epochs, limit, threads,
        };
        command.SetAction(parsed =>
        {
            Run(parsed.GetValue(data)!, parsed.GetValue(outFolder)!, CommonOptions.Positive(parsed.GetValue(epochs), "--epochs"),
                parsed.GetValue(limit), CommonOptions.Threads(parsed.GetValue(threads)), output);
            return ExitCodes.Success;
        });
        return command;
    }

    public static void Run(string dataName, string folder, int epochs, int? limit, int threads, TextWriter output)
    {
        if (File.Exists(folder)) throw new UsageException($"--out {folder}: is a file, expected a folder");
        var clock = Stopwatch.StartNew();
        CommonOptions.RequirePositiveLimit(limit);
        var raw = ModelData.LoadRaw(dataName); // read once: for the class to leave out, and for the report
        var split = limit is { } n ? raw.LimitTraining(n) : raw;
        bool leaveOneOut = split.Train.Labels is { } labels && split.Test?.Labels is not null && labels.Distinct().Count() > 2 && labels.Contains(AnomalyClass);
        string? normalClasses = leaveOneOut
            ? ModelData.FormatClasses(split.Train.Labels!.Distinct().Where(c => c != AnomalyClass).Order())
            : null;
        string anomalyName = split.Train.ClassNames is { } names && AnomalyClass < names.Count ? $"{AnomalyClass} ({names[AnomalyClass]})" : $"{AnomalyClass}";
        DemoModel[] models =
        [
            new("dense", null, "dense", leaveOneOut ? $"the seeds' dense autoencoder, trained without class {anomalyName}: the anomaly detector" : "the seeds' dense autoencoder"),
            new("deep", 2, "deep-2d", "the deep \"sandwich\" with a 2-D code: the latent map"),
            new("denoising", null, "denoising", "the denoising autoencoder (Gaussian noise 0.5 on its inputs)"),
            new("vae", null, "vae", "the variational autoencoder: a generator"),
        ];
        output.WriteLine($"ae demo: {models.Length} models, {epochs} epochs each, on {split.Description}");
        var trained = new List<(string Path, LoadedModel Loaded)>();
        foreach (var model in models)
        {
            output.WriteLine();
            output.WriteLine($"[{model.Preset}] {model.Role}");
            var result = TrainCommand.Run(new TrainingSettings
            {
                Data = dataName, Model = model.Preset, Code = model.Code, Epochs = epochs, Seed = 1, Limit = limit, Threads = threads,
                Out = Path.Combine(folder, model.Folder), Classes = model.Preset == "dense" ? normalClasses : null,
            }, output);
            trained.Add((result.ModelPath!, result.ToLoadedModel()));
        }
        output.WriteLine();
        string report = Path.Combine(folder, "report.html");
        ReportCommand.Write(trained, raw, report, new ReportOptions { Threads = threads, Limit = limit }, output);
        output.WriteLine($"\ndemo done in {clock.Elapsed.TotalSeconds:F0} s: open {report} in a browser (each model's folder also holds its model file, history, metrics and figures)");
    }
}
