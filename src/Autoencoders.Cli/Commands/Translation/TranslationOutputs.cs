using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoencoders.Applications.Translation;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Drawing;

namespace Autoencoders.Cli.Commands.Translation;

/// <summary>What an image-to-image run writes beside its model: metrics.json (the model's test PSNR and SSIM and each
/// baseline's), history.csv, loss.png and translations.png (input, output, target and the best baseline for 8 test images).</summary>
internal static class TranslationOutputs
{
    public const string GridFile = "translations.png";
    private const int GridColumns = 8;

    public static void Write(string folder, TranslationResult result, float[] testInputs, float[] outputs, Dataset testTargets, string backendName)
    {
        AtomicFile.WriteAllBytes(Path.Combine(folder, "metrics.json"), Metrics(result, testTargets.Count, backendName));
        AtomicFile.WriteAllBytes(Path.Combine(folder, "history.csv"), Encoding.UTF8.GetBytes(TrainingReport.HistoryCsv(result.History)));
        var history = result.History;
        PngFile.Save(Path.Combine(folder, "loss.png"), TrainingReport.LossPlot(result.Model.Name, result.Model.Loss!.Name,
            [.. history.Epochs.Select(e => (double)e.Epoch)], [.. history.Loss], history.HasValidation ? [.. history.ValidationLoss] : null));
        int columns = Math.Min(GridColumns, testTargets.Count), n = result.Layout.ValueCount;
        var rows = new List<(string, float[])> { ("input", testInputs[..(columns * n)]), (result.Model.Name, outputs[..(columns * n)]), ("target", testTargets.Features[..(columns * n)]) };
        PngFile.Save(Path.Combine(folder, GridFile), TranslationImages.Grid(rows, result.Layout, columns,
            $"{result.Corruption?.Describe() ?? "paired images"}: input, {result.Model.Name}, target"));
    }

    /// <summary>The scores as a table: PSNR (dB), SSIM and, for inpainting, the PSNR over the hidden square.</summary>
    public static string Table(TranslationResult result)
    {
        bool hidden = result.Scores.Any(s => s.HiddenPsnr is not null);
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{"method",-18}{"PSNR dB",9}{"SSIM",8}{(hidden ? "  masked PSNR dB" : "")}"));
        foreach (var score in result.Scores)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{score.Name,-18}{score.Psnr,9:F2}{score.Ssim,8:F4}{(score.HiddenPsnr is { } h ? $"{h,17:F2}" : "")}"));
        return text.ToString();
    }

    private static byte[] Metrics(TranslationResult result, int testCount, string backendName)
    {
        var model = result.Model;
        var own = result.Scores[0];
        var metrics = new Dictionary<string, object?>
        {
            ["task"] = result.Corruption?.Task ?? "paired",
            ["corruption"] = result.Corruption?.ToMetadata(),
            ["model"] = model.Name,
            ["parameters"] = model.Parameters.TotalCount,
            ["image"] = TranslationData.FormatLayout(result.Layout),
            ["test_samples"] = testCount,
            ["loss"] = model.Loss!.Name,
            ["epochs"] = result.History.Epochs.Count,
            ["backend"] = backendName,
            ["test_loss"] = result.TestLoss,
            ["train_seconds"] = Math.Round(result.History.TotalSeconds, 3),
            ["psnr"] = Math.Round(own.Psnr, 4),
            ["ssim"] = Math.Round(own.Ssim, 5),
        };
        if (own.HiddenPsnr is { } h) metrics["masked_psnr"] = Math.Round(h, 4);
        metrics["baselines"] = result.Scores.Skip(1).ToDictionary(s => s.Name, s =>
        {
            var values = new Dictionary<string, double> { ["psnr"] = Math.Round(s.Psnr, 4), ["ssim"] = Math.Round(s.Ssim, 5) };
            if (s.HiddenPsnr is { } m) values["masked_psnr"] = Math.Round(m, 4);
            return values;
        });
        return JsonSerializer.SerializeToUtf8Bytes(metrics, new JsonSerializerOptions { WriteIndented = true });
    }
}
