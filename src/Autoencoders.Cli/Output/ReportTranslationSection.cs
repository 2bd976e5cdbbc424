using System.Globalization;
using System.Text.Json;
using Autoencoders.Applications.Reporting;
using Autoencoders.Applications.Translation;
using Autoencoders.Cli.Commands;
using Autoencoders.Cli.Commands.Translation;
using Autoencoders.Data;
using Autoencoders.Data.Images;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Output;

/// <summary>
/// An image-to-image model's section of <c>ae report</c>: what it was trained to undo, its architecture and loss curves,
/// the table of its test PSNR and SSIM beside the baselines' (from the metrics.json that <c>ae train</c> wrote), and the
/// grid of inputs, outputs and targets drawn again on the report's test images.
/// </summary>
internal static class ReportTranslationSection
{
    private const int GridColumns = 8;

    /// <summary>Whether the model file holds an image-to-image model (ae train --task or --targets).</summary>
    public static bool Holds(LoadedModel loaded) => loaded.Metadata.ContainsKey(TranslationTraining.LayoutKey);

    public static void Add(HtmlReport page, string path, LoadedModel loaded, Dataset test)
    {
        var model = loaded.Model;
        var layout = TranslationData.ParseLayout(loaded.Metadata[TranslationTraining.LayoutKey])
            ?? throw new UsageException($"{path}: its {TranslationTraining.LayoutKey} is not C,H,W");
        ImageCorruption? corruption = loaded.Metadata.GetValueOrDefault(TranslationTraining.TaskKey) is { } task ? ImageCorruption.Parse(task) : null;
        page.AddSection($"{model.Name}: {path}").AddParagraph(string.Create(CultureInfo.InvariantCulture,
            $"An image-to-image model for {layout} images, {model.Parameters.TotalCount:N0} parameters, trained for {corruption?.Describe() ?? "paired images (ae train --targets)"}."));
        page.AddSubheading("Architecture").AddPreformatted(model.Summary());
        var files = ReportTrainingFiles.Read(path);
        if (files.History is { } history)
            page.AddFigure(ReportModelSection.Png(TrainingReport.LossPlot(model.Name, loaded.Loss?.Name ?? "loss", history.Epochs, history.Loss, history.ValidationLoss)),
                $"{model.Name}: loss by epoch", "Training loss and validation loss by epoch, from history.csv.");
        Scores(page, files.MetricsPath);
        if (corruption is null || test.FeatureCount != layout.ValueCount)
        {
            page.AddParagraph(corruption is null
                ? "No grid: a paired model's inputs are not in the report's data; ae translate --data A --targets B draws one."
                : $"No grid: the report's data has {test.FeatureCount} values per sample, the model translates {layout} images.");
            return;
        }
        var shown = test.Limit(Math.Min(GridColumns, test.Count));
        var (inputs, hidden) = new CorruptedImages(shown, layout, corruption, seed: 1).Materialize();
        float[] outputs = ImageTranslation.Translate(model, inputs, hidden, layout.ValueCount);
        var grid = TranslationImages.Grid([("input", inputs), (model.Name, outputs), ("target", shown.Features)], layout, shown.Count, $"{model.Name}: {corruption.Describe()}");
        page.AddFigure(ReportModelSection.Png(grid), $"{model.Name}: corrupted test images, the model's outputs and the clean images",
            $"The first {shown.Count} test images corrupted as in training (top), the model's outputs (middle) and the clean images (bottom).");
    }

    /// <summary>The model's and the baselines' PSNR and SSIM from metrics.json.</summary>
    private static void Scores(HtmlReport page, string metricsPath)
    {
        page.AddSubheading("Against the classical methods");
        if (!File.Exists(metricsPath))
        {
            page.AddParagraph($"No scores: there is no metrics.json beside the model ({metricsPath}).");
            return;
        }
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(metricsPath));
            root = document.RootElement.Clone();
        }
        catch (JsonException error)
        {
            throw new UsageException($"{metricsPath}: not valid JSON: {error.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("psnr", out _) || !root.TryGetProperty("baselines", out var baselines))
            throw new UsageException($"{metricsPath}: expected the psnr, ssim and baselines that ae train --task writes");
        bool masked = root.TryGetProperty("masked_psnr", out _);
        string Cell(JsonElement e, string name, string format) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString(format, CultureInfo.InvariantCulture) : "";
        IReadOnlyList<string> Row(string name, JsonElement e) => masked ? [name, Cell(e, "psnr", "F2"), Cell(e, "ssim", "F4"), Cell(e, "masked_psnr", "F2")] : [name, Cell(e, "psnr", "F2"), Cell(e, "ssim", "F4")];
        var rows = new List<IReadOnlyList<string>> { Row(root.TryGetProperty("model", out var m) ? $"{m.GetString()} (this model)" : "this model", root) };
        rows.AddRange(baselines.EnumerateObject().Select(b => Row(b.Name, b.Value)));
        page.AddTable(masked ? ["method", "PSNR (dB)", "SSIM", "masked PSNR (dB)"] : ["method", "PSNR (dB)", "SSIM"], rows);
        page.AddParagraph("The mean over test images of each image's PSNR (peak 1) and SSIM (Gaussian 11×11 window, as scikit-image computes it), measured by ae train on its test split.");
    }
}
