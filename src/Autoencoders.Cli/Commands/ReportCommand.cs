using System.CommandLine;
using System.Globalization;
using Autoencoders.Applications.Reporting;
using Autoencoders.Applications.Training;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Nn.Serialization;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae report</c>: one self-contained HTML page about trained models — for each, its summary, loss curves, test
/// metrics, reconstructions, latent space, the comparison with PCA and anomaly detection — every image embedded.
/// No timestamps: the same models and data give the same page.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output)
    {
        var models = new Option<string[]>("--model") { Description = "a model file written by ae train (DIR/model.safetensors); repeat it for one section per model", Required = true, HelpName = "MODEL" };
        var data = CommonOptions.Data();
        var outFile = new Option<string>("--out") { Description = "the HTML page to write", Required = true, HelpName = "report.html" };
        var normalClasses = new Option<string?>("--normal-classes")
        {
            Description = "labels (or class names) of the normal classes, comma-separated, for the anomaly ROC curve (default: the classes each model was trained on, ae train --classes)",
            HelpName = "C,C,...",
        };
        var limit = new Option<int?>("--limit") { Description = "fit PCA, find kNN neighbours and set anomaly thresholds on the first N training samples only (the test split stays whole)", HelpName = "N" };
        var threads = CommonOptions.Threads();
        var command = new Command("report", "Write one self-contained HTML page about trained models: summary, loss, reconstructions, latent space, PCA comparison, anomaly detection")
        {
            models, data, outFile, normalClasses, limit, threads,
        };
        command.SetAction(parsed =>
        {
            string outPath = parsed.GetValue(outFile)!, dataName = parsed.GetValue(data)!;
            CommonOptions.RequireWritableFolderFor(outPath);
            int? trainLimit = parsed.GetValue(limit) is { } n ? CommonOptions.Positive(n, "--limit") : null;
            int threadCount = CommonOptions.Threads(parsed.GetValue(threads));
            string[] modelPaths = parsed.GetValue(models)!;
            var split = ModelData.LoadRaw(dataName);
            int[]? normal = parsed.GetValue(normalClasses) is { } text
                ? ModelData.ParseClasses(text, split.Test ?? split.Train, "--normal-classes", split.Description)
                : null;
            Write(modelPaths, split, outPath, new ReportOptions { NormalClasses = normal, Limit = trainLimit, Threads = threadCount }, output);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Writes the page for <paramref name="modelPaths"/> (one section each) on <paramref name="split"/>, unscaled as
    /// <see cref="ModelData.LoadRaw"/> reads it (each model's saved scaling is applied). Every model is loaded and checked
    /// before any work, so bad input throws a <see cref="UsageException"/> and leaves no file; the page is written atomically.
    /// </summary>
    public static void Write(IReadOnlyList<string> modelPaths, DatasetSplit split, string outPath, ReportOptions options, TextWriter log)
    {
        CommonOptions.RequireWritableFolderFor(outPath);
        if (modelPaths.Count == 0) throw new UsageException("--model: expected at least one model file, received none");
        RequireTestSplit(split);
        Write([.. modelPaths.Select(path => (path, ModelLoading.Load(path)))], split, outPath, options, log);
    }

    /// <summary>The same for models already in memory (<c>ae demo</c>'s, just trained), each with the path of its file: the
    /// section's title, and where history.csv and metrics.json are found beside it.</summary>
    public static void Write(IReadOnlyList<(string Path, LoadedModel Loaded)> models, DatasetSplit split, string outPath, ReportOptions options, TextWriter log)
    {
        CommonOptions.RequireWritableFolderFor(outPath);
        Dataset test = RequireTestSplit(split);
        if (options.Limit is { } limit)
            split = split.LimitTraining(limit, $"PCA, kNN and thresholds use its first {limit:N0} training samples");
        var translations = models.Where(m => ReportTranslationSection.Holds(m.Loaded)).ToList();
        var entries = models.Where(m => !ReportTranslationSection.Holds(m.Loaded)).Select(m => ReportModel.Load(m.Path, m.Loaded, split, options)).ToList();

        using var backend = CpuBackend.CreateDefault(options.Threads);
        foreach (var entry in entries) entry.Model.Backend = backend;
        foreach (var (_, loaded) in translations) loaded.Model.Backend = backend;
        string? onlyModel = models.Count != 1 ? null : entries.Count == 1 ? entries[0].Model.Name : translations[0].Loaded.Model.Name;
        var page = new HtmlReport(onlyModel is null ? "Autoencoder report" : $"Autoencoder report: {onlyModel}");
        page.AddParagraph(string.Create(CultureInfo.InvariantCulture,
            $"Data: {split.Description}; {test.FeatureCount:N0} values per sample. Figures and tables are measured on the " +
            $"{test.Count:N0} test samples unless they say otherwise."));
        var baselines = new ReportPcaBaselines(entries.Count == 0 ? 1 : entries.Max(e => e.Model.CodeSize), backend);
        foreach (var entry in entries)
        {
            log.WriteLine($"report: {entry.Model.Name} ({entry.Path})");
            ReportModelSection.Add(page, entry, baselines, backend);
        }
        foreach (var (path, loaded) in translations)
        {
            log.WriteLine($"report: {loaded.Model.Name} ({path})");
            ReportTranslationSection.Add(page, path, loaded, test);
        }
        page.Save(outPath);
        log.WriteLine($"wrote {outPath} ({models.Count} {(models.Count == 1 ? "model" : "models")}, {page.FigureCount} figures)");
    }

    private static Dataset RequireTestSplit(DatasetSplit split) =>
        split.Test ?? throw new UsageException($"{split.Description}: has no test split; the report measures the models on it");
}
