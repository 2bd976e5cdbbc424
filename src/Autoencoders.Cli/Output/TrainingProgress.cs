using System.Diagnostics;
using Autoencoders.Applications.Training;
using Autoencoders.Data;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Training;
using Spectre.Console;

namespace Autoencoders.Cli.Output;

/// <summary>
/// Shows training as it happens: on a terminal, a Spectre.Console progress bar per epoch with loss,
/// val_loss, samples/s and ETA; elsewhere (pipes, CI, tests) one plain line per epoch.
/// </summary>
internal static class TrainingProgress
{
    public static History Fit(Model model, IBatchSource train, FitOptions options, TextWriter output, IBatchSource? targets = null)
    {
        bool live = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!live)
        {
            options.Callbacks.Add(new EpochLines(output, options.Epochs));
            return model.Fit(train, options, targets);
        }
        History? history = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                options.Callbacks.Add(new EpochBars(context, options.Epochs));
                history = model.Fit(train, options, targets);
            });
        return history!;
    }

    private sealed class EpochBars(ProgressContext progress, int epochs) : Callback
    {
        private ProgressTask? task;
        private readonly Stopwatch clock = new();
        private double lossSum;
        private long samples;
        private TimeSpan lastRefresh;

        public override void OnEpochBegin(TrainingContext context, int epoch)
        {
            task = progress.AddTask($"epoch {epoch}/{epochs}", maxValue: context.BatchesPerEpoch);
            clock.Restart();
            lossSum = 0;
            samples = 0;
            lastRefresh = TimeSpan.Zero;
        }

        public override void OnBatchEnd(TrainingContext context, BatchLogs logs)
        {
            task!.Increment(1);
            lossSum += logs.Loss * logs.Samples;
            samples += logs.Samples;
            // Redrawing the text every batch would cost more than some batches take.
            if (clock.Elapsed - lastRefresh < TimeSpan.FromMilliseconds(250)) return;
            lastRefresh = clock.Elapsed;
            task.Description = $"epoch {logs.Epoch}/{epochs}  loss {lossSum / samples:F5}  {samples / clock.Elapsed.TotalSeconds:N0} samples/s";
        }

        public override void OnEpochEnd(TrainingContext context, EpochLogs logs)
        {
            task!.Description = EpochLines.Describe(logs, epochs);
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
