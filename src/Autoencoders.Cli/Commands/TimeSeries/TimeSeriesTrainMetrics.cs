using System.Text.Json;
using Autoencoders.Applications.Anomaly;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Training;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// The <c>metrics.json</c> of <c>ae timeseries train</c>: the settings, the training error (final loss and val_loss, the
/// training windows' errors), the default threshold, the window counts and the time.
/// </summary>
internal static class TimeSeriesTrainMetrics
{
    public static byte[] Json(TimeSeriesTrainSettings settings, Autoencoder model, string lossName, History history, int trainingWindows,
        int validationWindows, Calibration windowErrors, string backendName)
    {
        var metrics = new Dictionary<string, object?>
        {
            ["model"] = settings.Model,
            ["parameters"] = model.Parameters.TotalCount,
            ["loss"] = lossName,
            ["window"] = settings.Window,
            ["stride"] = settings.Stride,
            ["difference"] = settings.Difference,
            ["center_windows"] = settings.Centered,
            ["error"] = windowErrors.Score,
            ["training_windows"] = trainingWindows,
            // val_loss's windows: those after --train-until, or with --validation-split the last fraction of the training
            // windows (held out by the fit, and counted in training_windows, whose errors set the threshold); 0: none.
            ["validation_windows"] = validationWindows,
            ["validation_split"] = settings.ValidationSplit,
            ["epochs"] = history.Epochs.Count,
            ["final_loss"] = history.Epochs[^1].Loss,
            ["final_val_loss"] = history.Epochs[^1].ValidationLoss,
            // The training windows' errors; their largest is detect's default threshold (the Keras example's).
            ["training_error_mean"] = windowErrors.Mean,
            ["training_error_q95"] = windowErrors.Quantile(0.95),
            ["threshold"] = windowErrors.Max,
            ["backend"] = backendName,
            ["train_seconds"] = Math.Round(history.TotalSeconds, 3),
        };
        return JsonSerializer.SerializeToUtf8Bytes(metrics, new JsonSerializerOptions { WriteIndented = true });
    }
}
