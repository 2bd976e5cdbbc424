using System.CommandLine;
using Autoencoders.Applications.Training;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Presets;
using Autoencoders.Nn.Serialization;
using Autoencoders.Nn.Training;
using Autoencoders.Nn.Training.Checkpoints;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Commands;

/// <summary><c>ae train</c>: trains a preset autoencoder and writes the model, its history, metrics and pictures.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output)
    {
        var data = CommonOptions.Data();
        var model = new Option<string>("--model")
        {
            Description = $"{ModelChoice.Help}. Presets: " + string.Join("; ", ModelPresets.Names.Select(n => $"{n} = {ModelPresets.Describe(n)}")),
            DefaultValueFactory = _ => "dense", HelpName = "NAME|FILE",
        };
        var code = new Option<int?>("--code") { Description = "code (latent) size of a preset (default: the preset's own)", HelpName = "N" };
        var noise = new Option<float?>("--noise") { Description = "train as a denoising autoencoder: Gaussian noise of this factor on the inputs, clipped to [0, 1] (denoising preset: 0.5)", HelpName = "F" };
        var pretrainEpochs = new Option<int?>("--pretrain-epochs") { Description = "dbn: CD-1 epochs per RBM before fine-tuning (default 5)", HelpName = "N" };
        var epochs = new Option<int>("--epochs") { Description = "passes over the training data", DefaultValueFactory = _ => 10, HelpName = "N" };
        var batch = new Option<int?>("--batch") { Description = "samples per gradient step (default: 256; 128 for vae)", HelpName = "N" };
        var loss = new Option<string?>("--loss") { Description = "mse, bce or rmse (default: the preset's)", HelpName = "NAME" };
        loss.AcceptOnlyFromAmong([.. Loss.ReconstructionNames]);
        var optimizer = new Option<string>("--optimizer") { Description = "adam, sgd (momentum 0.9) or rmsprop", DefaultValueFactory = _ => "adam", HelpName = "NAME" };
        optimizer.AcceptOnlyFromAmong([.. Optimizer.Names]);
        var learningRate = new Option<float?>("--lr") { Description = "learning rate (default: 1e-3 for adam and rmsprop, 1e-2 for sgd)", HelpName = "F" };
        var seed = new Option<int>("--seed") { Description = "fixes initial weights and shuffling: same seed and --threads, same model file", DefaultValueFactory = _ => 0, HelpName = "N" };
        var validationSplit = new Option<double?>("--validation-split") { Description = "hold out this fraction of the training data for val_loss (default: val_loss on the test split)", HelpName = "F" };
        var patience = new Option<int?>("--early-stopping") { Description = "stop after N epochs without val_loss improvement and keep the best weights", HelpName = "N" };
        var classes = new Option<string?>("--classes") { Description = "train and validate only on the samples with these labels (e.g. the normal classes for ae detect): labels or class names separated by commas; the test split stays whole; saved in the model as training.classes", HelpName = "0,2,..." };
        var limit = CommonOptions.Limit();
        var threads = CommonOptions.Threads();
        var outFolder = new Option<string?>("--out") { Description = "output folder: model.safetensors, history.csv, metrics.json, loss.png, reconstructions.png; while training also checkpoint.safetensors, deleted when training ends", HelpName = "DIR" };
        var checkpointEvery = new Option<int?>("--checkpoint-every") { Description = "also checkpoint (and save the model) every N batches, not only after every epoch", HelpName = "N" };
        var resume = new Option<string?>("--resume") { Description = "continue the interrupted run whose --out was DIR from its checkpoint.safetensors, with that run's settings (give no other option): the model comes out as if the run had never stopped", HelpName = "DIR" };

        var translation = new Translation.TranslationOptions();
        var command = new Command("train", "Train an autoencoder on a dataset and write the model, history, metrics and figures")
        {
            data, model, code, noise, pretrainEpochs, epochs, batch, loss, optimizer, learningRate, seed, validationSplit, patience, classes, limit, threads, outFolder,
            checkpointEvery, resume, TrainDashboard.Enabled, TrainDashboard.Port, TrainDashboard.Host, TrainDashboard.Wait,
        };
        foreach (var option in translation.All) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(resume) is { } folder)
            {
                var given = command.Options.Where(o => o != resume && parsed.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
                if (given.Count > 0)
                    throw new UsageException($"--resume takes every setting from the interrupted run; remove {string.Join(", ", given)}");
                var (resumed, checkpoint) = TrainResume.Read(folder);
                Run(resumed, output, checkpoint);
                return ExitCodes.Success;
            }
            var settings = new TrainSettings(
                parsed.GetValue(data)!, parsed.GetValue(model)!, parsed.GetValue(code),
                CommonOptions.Positive(parsed.GetValue(epochs), "--epochs"), parsed.GetValue(batch),
                parsed.GetValue(loss), parsed.GetValue(optimizer)!, parsed.GetValue(learningRate), parsed.GetValue(seed),
                parsed.GetValue(validationSplit), parsed.GetValue(patience), parsed.GetValue(limit),
                CommonOptions.Threads(parsed.GetValue(threads)),
                parsed.GetValue(outFolder) ?? throw new UsageException("--out is required (or --resume DIR to continue an interrupted run)"), parsed.GetValue(noise), parsed.GetValue(pretrainEpochs),
                parsed.GetValue(classes), parsed.GetValue(checkpointEvery));
            if (translation.Read(parsed) is { } images) Translation.TranslationTraining.Run(settings, images, parsed.GetResult(model) is { Implicit: false }, output);
            else Run(settings, output, dashboard: TrainDashboard.Read(parsed));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <param name="resumeFrom">The checkpoint in <c>settings.Out</c> to continue from (<see cref="TrainResume.Read"/>); null for a new run.</param>
    public static TrainResult Run(TrainSettings settings, TextWriter output, TrainingCheckpoint? resumeFrom = null, TrainDashboard.Request? dashboard = null)
    {
        bool resuming = resumeFrom is not null;
        settings.Validate();
        (var split, Dataset? validation, settings, MinMaxScaler? scaler, Dataset? rawTest) = TrainData.Prepare(settings);
        var choice = ModelChoice.Resolve(settings.Model, split.Train.FeatureCount, settings.Code, settings.Noise);
        settings = settings with { Batch = settings.Batch ?? choice.BatchSize };
        var autoencoder = choice.Model;
        var backend = CpuBackend.CreateDefault(settings.Threads);
        autoencoder.Backend = backend;
        choice.Build(split.Train.FeatureCount, settings.Seed);
        if (settings.Model == "dbn" && !resuming) // a resumed run's weights come from its checkpoint
            Pretraining.Run(autoencoder, split.Train, settings, output);
        var loss = settings.Loss is null ? choice.Loss : Loss.Parse(settings.Loss);
        autoencoder.Compile(Optimizer.Parse(settings.Optimizer, settings.LearningRate), loss);

        string modelPath = Path.Combine(settings.Out, "model.safetensors");
        var metadata = new Dictionary<string, string>(settings.ToMetadata());
        if (scaler is not null) metadata[ModelData.MinMaxKey] = ModelData.ScalerMetadata(scaler);
        if (ModelData.FeatureNamesOf(settings.Data, split.Train.FeatureCount) is { } columns)
            metadata[ModelPreprocessing.ColumnsKey] = new ModelPreprocessing(null, columns, null).ToMetadata()[ModelPreprocessing.ColumnsKey];
        // The model file goes with every checkpoint, so that it always holds the last good weights. The folder is
        // made by the first checkpoint, so that a run that fails before one leaves nothing behind.
        var backup = new BackupAndRestore(settings.Out)
        {
            EveryBatches = settings.CheckpointEvery,
            Metadata = TrainResume.Metadata(settings),
            Saved = _ => ModelFile.Save(autoencoder, modelPath, metadata),
            AlreadyRead = resumeFrom,
        };
        if (!resuming && File.Exists(backup.FilePath))
            throw new UsageException($"--out {settings.Out}: holds the checkpoint of an interrupted run; continue it with ae train --resume {settings.Out}, or delete {backup.FilePath}");
        var callbacks = new List<Callback>();
        using var live = TrainDashboard.Start(dashboard, autoencoder, split.Test ?? validation ?? split.Train, callbacks, output);
        EarlyStopping? earlyStopping = settings.Patience is { } p ? new EarlyStopping(p) : null;
        if (earlyStopping is not null) callbacks.Add(earlyStopping);
        bool holdOut = settings.ValidationSplit is > 0;
        var options = new FitOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.Batch.Value,
            Seed = settings.Seed,
            ValidationSplit = settings.ValidationSplit ?? 0,
            ValidationData = holdOut ? null : validation,
            Callbacks = callbacks,
            Backup = backup,
        };
        output.WriteLine($"ae train: {autoencoder.Name} ({autoencoder.Parameters.TotalCount:N0} parameters, loss {loss.Name}) on {split.Description}: " +
                         $"{split.Train.Count:N0} training samples{(split.Test is null ? "" : $", {split.Test.Count:N0} test samples")}; {backend.Name}");
        if (resumeFrom is not null)
            output.WriteLine($"ae train: resuming {settings.Out} from its checkpoint ({resumeFrom.Describe()})");
        var history = TrainingProgress.Fit(autoencoder, split.Train, options, output);
        // The final weights (with early stopping, the restored best ones) with the record of their errors, so that
        // ae detect's threshold is the model's own and not a fraction of whatever data it is given.
        foreach (var calibration in TrainingCalibration.Measure(autoencoder, split.Train, settings.ValidationSplit))
        {
            metadata[calibration.MetadataKey] = calibration.ToMetadataValue();
            output.WriteLine(TrainingCalibration.Describe(calibration));
        }
        ModelFile.Save(autoencoder, modelPath, metadata);
        live?.Finish(modelPath, settings, autoencoder, rawTest);
        var result = TrainingReport.Write(settings, autoencoder, split, history, backend.Name);
        output.WriteLine($"test_loss {result.TestLoss?.ToString("F5") ?? "n/a (no test split)"}; {result.SamplesPerSecond:N0} samples/s; wrote {settings.Out}/");
        return result;
    }
}
