using System.CommandLine;
using System.Globalization;
using System.Text;
using Autoencoders.Applications.Anomaly;
using Autoencoders.Applications.Codecs;
using Autoencoders.Applications.Series;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Drawing;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Presets;
using Autoencoders.Nn.Serialization;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae timeseries train</c>: z-scores the training part of a series, cuts it into windows, trains ts-conv, ts-lstm or
/// ts-vae on them, and records the training windows' errors for the threshold (the Keras example's max training MAE).
/// </summary>
internal static class TimeSeriesTrainCommand
{
    /// <summary>Metadata key: "period 24 steps", the dominant period of the training windows' mean periodogram, for generate to compare with.</summary>
    public const string PeriodKey = "timeseries.training_period";

    // The periodogram is O(W²) per window: a sample of windows spread over the series says the same.
    private const int PeriodogramWindows = 512;

    public static Command Create(TextWriter output)
    {
        var data = new Option<string>("--data") { Description = "the series: CSV with a timestamp column and value columns", Required = true, HelpName = "FILE" };
        var series = new SeriesOptions();
        var model = new Option<string>("--model") { Description = string.Join("; ", TimeSeriesPresets.Names.Select(n => $"{n} = {TimeSeriesPresets.Describe(n)}")), DefaultValueFactory = _ => "ts-conv", HelpName = "NAME" };
        model.AcceptOnlyFromAmong([.. TimeSeriesPresets.Names]);
        var window = new Option<int>("--window") { Description = "steps per window (ts-conv: divisible by 4)", DefaultValueFactory = _ => 288, HelpName = "W" };
        var stride = new Option<int>("--stride") { Description = "steps between window starts", DefaultValueFactory = _ => 1, HelpName = "S" };
        var trainUntil = new Option<string?>("--train-until")
        {
            Description = "train on the steps up to this time (inclusive; the series' kind of timestamp); the steps after it measure val_loss (unless --validation-split). Default: the whole file (test on a separate file)",
            HelpName = "T",
        };
        var measure = new Option<string>("--error") { Description = "window error: mae (the Keras example's) or mse", DefaultValueFactory = _ => "mae", HelpName = "mae|mse" };
        measure.AcceptOnlyFromAmong("mae", "mse");
        var difference = new Option<int>("--difference")
        {
            Description = "model the differences x[t] − x[t−LAG] instead of the values (1: removes a trend; a season's length: removes the season); saved in the model, applied at detect, flags in the series' own steps. Default 0: none",
            DefaultValueFactory = _ => 0, HelpName = "LAG",
        };
        var centered = new Option<bool>("--center-windows")
        {
            Description = "subtract each window's own mean (per channel) before the network sees it, the z-scoring's σ fitted on the centred training windows: windows are judged by their shape, not their level, so a trend or a slow drift past the training range is not an anomaly; saved in the model",
        };
        var code = new Option<int?>("--code") { Description = "code size: ts-lstm's first LSTM (64), ts-vae's latent (8)", HelpName = "N" };
        var epochs = new Option<int>("--epochs") { Description = "passes over the training windows", DefaultValueFactory = _ => 50, HelpName = "N" };
        var batch = new Option<int?>("--batch") { Description = "windows per step (default 128)", HelpName = "N" };
        var learningRate = new Option<float>("--lr") { Description = "Adam's learning rate", DefaultValueFactory = _ => 1e-3f, HelpName = "F" };
        var validationSplit = new Option<double?>("--validation-split") { Description = "hold out this last fraction of the training windows for val_loss (the Keras example: 0.1)", HelpName = "F" };
        var patience = new Option<int?>("--early-stopping") { Description = "stop after N epochs without val_loss improvement, keeping the best weights (the Keras example: 5)", HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "fixes initial weights and shuffling", DefaultValueFactory = _ => 0, HelpName = "N" };
        var threads = CommonOptions.Threads();
        var outFolder = new Option<string>("--out") { Description = "output folder: model.safetensors, history.csv, metrics.json, loss.png", Required = true, HelpName = "DIR" };
        var command = new Command("train", "Train an autoencoder on the windows of a series")
        {
            data, model, window, stride, trainUntil, measure, difference, centered, code, epochs, batch, learningRate, validationSplit, patience, seed, threads, outFolder,
        };
        foreach (var option in series.All) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var settings = new TimeSeriesTrainSettings(parsed.GetValue(data)!, parsed.GetValue(model)!, CommonOptions.Positive(parsed.GetValue(window), "--window"),
                CommonOptions.Positive(parsed.GetValue(stride), "--stride"), parsed.GetValue(trainUntil), SeriesModelSettings.ParseMeasure(parsed.GetValue(measure)!),
                parsed.GetValue(code), CommonOptions.Positive(parsed.GetValue(epochs), "--epochs"), parsed.GetValue(batch), parsed.GetValue(learningRate),
                parsed.GetValue(validationSplit), parsed.GetValue(patience), parsed.GetValue(seed), CommonOptions.Threads(parsed.GetValue(threads)), parsed.GetValue(outFolder)!, parsed.GetValue(difference), parsed.GetValue(centered));
            Run(settings, series.Read(parsed, settings.Data), parsed.GetValue(series.TimeColumn), output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Run(TimeSeriesTrainSettings settings, TimeSeries whole, string? timeColumn, TextWriter output)
    {
        settings.Validate();
        output.WriteLine($"ae timeseries train: {SeriesOptions.Describe(whole)}");

        var (train, heldOut) = SeriesOptions.SplitAt(whole, settings.TrainUntil);
        SeriesOptions.RequireWindow(train, settings.Window + settings.Difference, settings.TrainUntil is null ? "the series" : $"the training part up to {settings.TrainUntil}");
        // The z-scoring is fitted on what the network sees: the training part's differences when --difference is given,
        // its centred windows with --center-windows.
        var differenced = SeriesDifference.Apply(train, settings.Difference);
        var scaler = settings.Centered ? SeriesScaler.FitCentered(differenced, settings.Window, settings.Stride) : SeriesScaler.Fit(differenced);
        var seriesSettings = new SeriesModelSettings(settings.Model, train.Channels, timeColumn, settings.Window, settings.Stride, settings.Measure, scaler, settings.Difference, settings.Centered);
        Dataset windows = seriesSettings.Windows(train);
        Dataset? validation = heldOut is not null && heldOut.Length >= seriesSettings.StepsNeeded && settings.ValidationSplit is null ? seriesSettings.Windows(heldOut) : null;

        var (autoencoder, loss, batchSize) = TimeSeriesPresets.Create(settings.Model, seriesSettings.WindowValues, seriesSettings.ChannelCount, settings.Code);
        var backend = CpuBackend.CreateDefault(settings.Threads);
        autoencoder.Backend = backend;
        autoencoder.Build(new Shape(seriesSettings.WindowValues), (ulong)settings.Seed);
        autoencoder.Compile(new Adam(settings.LearningRate), loss);
        var callbacks = new List<Callback>();
        if (settings.Patience is { } p) callbacks.Add(new EarlyStopping(CommonOptions.Positive(p, "--early-stopping")));
        var options = new FitOptions
        {
            Epochs = settings.Epochs, BatchSize = settings.Batch ?? batchSize, Seed = settings.Seed,
            ValidationSplit = settings.ValidationSplit ?? 0, ValidationData = validation, Callbacks = callbacks,
        };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ae timeseries train: {autoencoder.Name} ({autoencoder.Parameters.TotalCount:N0} parameters, loss {loss.Name}) on {windows.Count:N0} windows of {settings.Window} × {seriesSettings.ChannelCount} every {settings.Stride} steps{(validation is null ? "" : $", val_loss on {validation.Count:N0} windows after {settings.TrainUntil}")}; {backend.Name}"));
        var history = TrainingProgress.Fit(autoencoder, windows, options, output);

        // Every training window's error, the Keras example's reference for its threshold (np.max(train_mae_loss)).
        var calibration = Calibration.Measure(new AutoencoderCodec(autoencoder), windows, Calibration.TrainingSource, settings.Measure);
        var metadata = new Dictionary<string, string>(seriesSettings.ToMetadata()) { [calibration.MetadataKey] = calibration.ToMetadataValue() };
        metadata[PeriodKey] = string.Create(CultureInfo.InvariantCulture, $"dominant period {TrainingPeriod(windows, seriesSettings):G4} steps");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"calibration: {seriesSettings.MeasureName} of {calibration.Count:N0} training windows: mean {calibration.Mean:G6}, 0.95 quantile {calibration.Quantile(0.95):G6}, max {calibration.Max:G6} (the default threshold)"));

        Directory.CreateDirectory(settings.Out);
        ModelFile.Save(autoencoder, Path.Combine(settings.Out, "model.safetensors"), metadata);
        AtomicFile.WriteAllBytes(Path.Combine(settings.Out, "history.csv"), Encoding.UTF8.GetBytes(TrainingReport.HistoryCsv(history)));
        PngFile.Save(Path.Combine(settings.Out, "loss.png"), TrainingReport.LossPlot(autoencoder.Name, loss.Name,
            [.. history.Epochs.Select(e => (double)e.Epoch)], [.. history.Loss], history.HasValidation ? [.. history.ValidationLoss] : null));
        AtomicFile.WriteAllBytes(Path.Combine(settings.Out, "metrics.json"),
            TimeSeriesTrainMetrics.Json(settings, autoencoder, loss.Name, history, windows.Count,
                validation?.Count ?? (int)(windows.Count * (settings.ValidationSplit ?? 0)), calibration, backend.Name));
        output.WriteLine($"wrote {settings.Out}/ (model.safetensors, history.csv, metrics.json, loss.png)");
    }

    /// <summary>The dominant period of channel 0 over up to <see cref="PeriodogramWindows"/> training windows spread evenly.</summary>
    internal static double TrainingPeriod(Dataset windows, SeriesModelSettings settings)
    {
        int every = Math.Max(1, windows.Count / PeriodogramWindows);
        int[] picked = [.. Enumerable.Range(0, windows.Count).Where(i => i % every == 0).Take(PeriodogramWindows)];
        var sample = new float[picked.Length * windows.FeatureCount];
        windows.CopyRows(picked, sample);
        return Periodogram.DominantPeriod(TimeSeriesGenerateCommand.FirstChannel(sample, settings), settings.Window);
    }
}
