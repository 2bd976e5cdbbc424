using System.Globalization;
using Autoencoders.Applications.Codecs;
using Autoencoders.Applications.Comparison;
using Autoencoders.Applications.Reporting;
using Autoencoders.Applications.Training;
using Autoencoders.Cli.Commands;
using Autoencoders.Drawing;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Cli.Output;

/// <summary>One model's section of <c>ae report</c>: architecture, training, reconstructions, latent space (and a VAE's
/// samples), the comparison with PCA and anomaly detection — drawn by the same code as the commands that draw each alone.</summary>
internal static class ReportModelSection
{
    private const int ReconstructionCount = 10, GeneratedCount = 64;

    public static void Add(HtmlReport page, ReportModel entry, ReportPcaBaselines baselines, IComputeBackend backend)
    {
        var model = entry.Model;
        page.AddSection($"{model.Name}: {entry.Path}").AddParagraph(Describe(entry));
        page.AddSubheading("Architecture").AddPreformatted(model.Summary());
        Training(page, entry);

        page.AddSubheading("Reconstructions")
            .AddFigure(Png(Figures.Reconstructions(model, entry.Test, ReconstructionCount)), $"{model.Name}: the first test samples and their reconstructions",
                $"The first {Math.Min(ReconstructionCount, entry.Test.Count)} test samples (top) and the model's reconstructions of them (bottom).");

        page.AddSubheading("Latent space")
            .AddFigure(Png(EncodeCommand.LatentPlot(model, model.Encode(entry.Test), entry.Test)), $"{model.Name}: scatter plot of the test codes",
                model.CodeSize <= 2
                    ? $"The {model.CodeSize}-D code of each test sample, coloured by its label."
                    : $"The first two principal components of the {model.CodeSize}-D test codes, coloured by label.");
        if (model.IsVariational)
            page.AddFigure(Png(GenerateCommand.Samples(model, GeneratedCount, seed: 0)), $"{model.Name}: samples generated from the prior",
                $"{GeneratedCount} codes drawn from the prior N(0, I) (seed 0) and decoded: new samples, as ae generate draws them.");

        var pca = baselines.For(entry.Train, null, model.CodeSize);
        Comparison(page, entry, pca, backend);
        ReportAnomaly.Add(page, entry, pca is null ? null : baselines.For(entry.Train, entry.NormalClasses, model.CodeSize));
    }

    public static byte[] Png(RgbImage image) => PngCodec.Encode(image);

    private static string Describe(ReportModel entry)
    {
        var model = entry.Model;
        var metadata = entry.Loaded.Metadata;
        var parts = new List<string>
        {
            model.IsVariational ? "A variational autoencoder" : "An autoencoder",
        };
        if (metadata.TryGetValue("training.preset", out string? preset)) parts[0] += $" trained as --model {preset}";
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{model.CodeSize}-value code, {model.Parameters.TotalCount:N0} parameters"));
        if (entry.Loaded.Loss is { } loss) parts.Add($"loss {loss.Name}");
        if (metadata.TryGetValue("training.epochs", out string? epochs)) parts.Add($"{epochs} epochs");
        if (metadata.TryGetValue("training.seed", out string? seed)) parts.Add($"seed {seed}");
        if (metadata.TryGetValue(ModelData.ClassesKey, out string? classes)) parts.Add($"trained on classes {classes} only");
        return string.Join(", ", parts) + ".";
    }

    private static void Training(HtmlReport page, ReportModel entry)
    {
        page.AddSubheading("Training");
        var files = entry.Files;
        if (files.History is { } history)
            page.AddFigure(Png(TrainingReport.LossPlot(entry.Model.Name, entry.Loaded.Loss?.Name ?? "loss", history.Epochs, history.Loss, history.ValidationLoss)),
                $"{entry.Model.Name}: loss by epoch", $"Training loss{(history.ValidationLoss is null ? "" : " and validation loss")} by epoch, from history.csv.");
        else
            page.AddParagraph($"No loss curves: there is no history.csv beside the model ({files.HistoryPath}); ae train writes one.");
        if (files.Metrics is { } metrics)
            page.AddTable(["metric (metrics.json)", "value"], metrics.Select(m => (IReadOnlyList<string>)[m.Key, m.Value]));
        else
            page.AddParagraph($"No test metrics: there is no metrics.json beside the model ({files.MetricsPath}).");
    }

    private static void Comparison(HtmlReport page, ReportModel entry, PcaCodec? pca, IComputeBackend backend)
    {
        page.AddSubheading("Against PCA");
        var rows = new List<ComparisonRow> { CodecComparison.Measure(new AutoencoderCodec(entry.Model), entry.Train, entry.Test, backend) };
        if (pca is not null) rows.Add(CodecComparison.Measure(pca, entry.Train, entry.Test, backend));
        page.AddTable(["codec", "code size", "test MSE", $"kNN-{CodecComparison.Neighbours} accuracy"], rows.Select(row => (IReadOnlyList<string>)
        [
            row.Model, row.Code.ToString(CultureInfo.InvariantCulture), row.TestMse.ToString("F5", CultureInfo.InvariantCulture),
            row.KnnAccuracy is { } accuracy ? accuracy.ToString("P1", CultureInfo.InvariantCulture) : "n/a (no labels)",
        ]));
        string baseline = pca is null
            ? $"No PCA row: PCA has at most {entry.Train.FeatureCount} components."
            : $"PCA is fitted on the same training samples, with {entry.Model.CodeSize} components.";
        page.AddParagraph(string.Create(CultureInfo.InvariantCulture,
            $"Test MSE: the mean squared error of the {entry.Test.Count:N0} test reconstructions over every value. kNN-{CodecComparison.Neighbours} accuracy: " +
            $"each test code labelled by the majority of its {CodecComparison.Neighbours} nearest codes among the {entry.Train.Count:N0} training codes — " +
            $"how well the code separates the classes. {baseline}"));
    }
}
