using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoencoders.Applications.Training;
using Autoencoders.Data;
using Autoencoders.Drawing;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Training;

namespace Autoencoders.Cli.Output;

/// <summary>Writes what <c>ae train</c> leaves beside the model: history.csv, metrics.json, loss.png, reconstructions.png — each atomically.</summary>
internal static class TrainingReport
{
    /// <summary>Writes the files into <paramref name="trained"/>'s folder (<see cref="TrainingSettings.Out"/>, beside its model file).</summary>
    public static TrainResult Write(TrainingResult trained)
    {
        var (model, split, history, settings) = (trained.Model, trained.Data.Split, trained.History, trained.Settings);
        string folder = settings.Out ?? throw new ArgumentException("expected a run with an output folder, received one without", nameof(trained));
        // One evaluation for test_loss and its terms: a VAE's is a sampled estimate, so a second one would differ.
        Evaluation? evaluation = split.Test is null ? null : model.EvaluateTerms(split.Test);
        var family = evaluation is { } e ? FamilyMetrics.Measure(model, split.Test!, e) : null;
        double? testLoss = evaluation?.Loss;
        double trainSeconds = history.TotalSeconds;
        double samplesPerSecond = history.Epochs.Sum(e => e.Seconds * e.SamplesPerSecond) / trainSeconds;
        var result = new TrainResult(testLoss, trainSeconds, samplesPerSecond);

        AtomicFile.WriteAllBytes(Path.Combine(folder, "history.csv"), Encoding.UTF8.GetBytes(HistoryCsv(history)));
        AtomicFile.WriteAllBytes(Path.Combine(folder, "metrics.json"), Metrics(settings, model, split, history, result, trained.BackendName, family));
        PngFile.Save(Path.Combine(folder, "loss.png"), LossPlot(history, model));
        var samples = split.Test ?? split.Train;
        PngFile.Save(Path.Combine(folder, "reconstructions.png"), Figures.Reconstructions(model, samples, count: 10));
        return result;
    }

    /// <summary>One row per epoch; the compiled metrics (accuracy, val_accuracy…) follow the fixed columns.</summary>
    internal static string HistoryCsv(History history)
    {
        string[] metrics = [.. history.MetricNames];
        var csv = new StringBuilder("epoch,loss,val_loss,seconds,samples_per_second");
        foreach (string name in metrics) csv.Append(',').Append(name);
        csv.Append('\n');
        foreach (var e in history.Epochs)
        {
            csv.Append(string.Create(CultureInfo.InvariantCulture,
                $"{e.Epoch},{e.Loss:R},{(e.ValidationLoss is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "")},{e.Seconds:F3},{e.SamplesPerSecond:F1}"));
            foreach (string name in metrics)
                csv.Append(',').Append(e.Metrics.TryGetValue(name, out double m) && double.IsFinite(m) ? m.ToString("R", CultureInfo.InvariantCulture) : "");
            csv.Append('\n');
        }
        return csv.ToString();
    }

    private static byte[] Metrics(TrainingSettings settings, Autoencoder model, DatasetSplit split, History history, TrainResult result,
        string backendName, Dictionary<string, object?>? family)
    {
        var metrics = new Dictionary<string, object?>
        {
            ["model"] = settings.Model,
            ["loss"] = model.Loss!.Name,
            ["code_size"] = model.CodeSize,
            ["parameters"] = model.Parameters.TotalCount,
            ["data"] = split.Description,
            ["train_samples"] = split.Train.Count,
            ["test_samples"] = split.Test?.Count,
            ["epochs"] = history.Epochs.Count,
            ["batch_size"] = settings.Batch,
            ["optimizer"] = model.Optimizer!.Name,
            ["learning_rate"] = model.Optimizer.LearningRate,
            ["seed"] = settings.Seed,
            ["backend"] = backendName,
            ["final_loss"] = history.Epochs[^1].Loss,
            ["final_val_loss"] = history.Epochs[^1].ValidationLoss,
            ["test_loss"] = result.TestLoss,
            ["train_seconds"] = Math.Round(result.TrainSeconds, 3),
            ["samples_per_second"] = Math.Round(result.SamplesPerSecond, 1),
            ["fit_seconds"] = Math.Round(history.FitSeconds, 3), // with validation, callbacks and checkpoints
        };
        foreach (var (key, value) in family ?? []) metrics[key] = value;
        return JsonSerializer.SerializeToUtf8Bytes(metrics, new JsonSerializerOptions { WriteIndented = true });
    }

    private static RgbImage LossPlot(History history, Autoencoder model) =>
        LossPlot(model.Name, model.Loss!.Name, [.. history.Epochs.Select(e => (double)e.Epoch)], [.. history.Loss],
            history.HasValidation ? [.. history.ValidationLoss] : null);

    /// <summary>loss and val_loss (NaN where not measured) by epoch; <c>ae report</c> draws it again from history.csv.</summary>
    public static RgbImage LossPlot(string modelName, string lossName, IReadOnlyList<double> epochs, IReadOnlyList<double> loss, IReadOnlyList<double>? validationLoss)
    {
        var plot = new LinePlot { Title = $"{modelName}: {lossName} by epoch", XLabel = "epoch", YLabel = lossName }
            .AddSeries("loss", epochs, loss);
        if (validationLoss is not null)
            plot.AddSeries("val_loss", epochs, validationLoss);
        return plot.Render();
    }
}
