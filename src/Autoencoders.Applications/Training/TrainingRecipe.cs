using Autoencoders.Data;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Serialization;
using Autoencoders.Nn.Training;
using Autoencoders.Nn.Training.Checkpoints;
using Autoencoders.Tensors.Backends;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Applications.Training;

/// <summary>
/// The training recipe of <c>ae train</c>, <c>ae compare</c> and <c>ae demo</c>: prepare the data (<see cref="TrainingData"/>),
/// build the model (<see cref="ModelChoice"/>), pretrain a dbn's RBMs, compile, fit (with early stopping and, given a
/// folder, checkpoints), record the calibration of its errors, and save the model file when
/// <see cref="TrainingSettings.Out"/> names a folder. Progress goes to <see cref="Log"/>, line by line.
/// </summary>
/// <example><code>
/// var trained = new TrainingRecipe().Run(new TrainingSettings { Data = "data.csv", Model = "deep", Code = 2, Epochs = 20 });
/// float[] codes = trained.Model.Encode(trained.Data.Split.Train); // scaled as trained.Preprocessing says
/// </code></example>
public sealed class TrainingRecipe
{
    /// <summary>The model file's name in <see cref="TrainingSettings.Out"/>.</summary>
    public const string ModelFileName = "model.safetensors";

    /// <summary>Where progress lines go (the model and data, RBM epochs, each epoch, the calibration); nowhere by default.</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;

    /// <summary>The kernels to train on; null: a new CPU backend of <see cref="TrainingSettings.Threads"/> threads, which the model keeps.</summary>
    public IComputeBackend? Backend { get; init; }

    /// <summary>Runs Fit (the command line wraps it in its progress display); null: Fit with an <see cref="EpochLines"/> on <see cref="Log"/>.</summary>
    public Func<Model, IBatchSource, FitOptions, History>? Fit { get; init; }

    /// <summary>Called once the model is compiled, just before Fit: the callbacks it returns join Fit's (the live dashboard's feed).</summary>
    public Func<Autoencoder, TrainingData, IEnumerable<Callback>>? BeforeFit { get; init; }

    /// <summary>The checkpoint in <see cref="TrainingSettings.Out"/> to continue from, read by the caller with its run's settings
    /// (<see cref="TrainingSettings.FromCheckpoint"/>); null for a new run.</summary>
    public TrainingCheckpoint? ResumeFrom { get; init; }

    public TrainingResult Run(TrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        bool resuming = ResumeFrom is not null;
        settings.Validate();
        if (resuming && settings.Out is null) throw new SettingsException("--resume: expected the interrupted run's folder as --out, received none");
        var data = TrainingData.Prepare(settings);
        var split = data.Split;
        if (data.Classes is { } classes) settings = settings with { Classes = ModelData.FormatClasses(classes) };
        var choice = ModelChoice.Resolve(settings.Model, split.Train.FeatureCount, settings.Code, settings.Noise);
        settings = settings with { Batch = settings.Batch ?? choice.BatchSize };
        var autoencoder = choice.Model;
        var backend = Backend ?? CpuBackend.CreateDefault(settings.Threads);
        autoencoder.Backend = backend;
        choice.Build(split.Train.FeatureCount, settings.Seed);
        if (settings.Model == "dbn" && !resuming) // a resumed run's weights come from its checkpoint
            Pretraining.Run(autoencoder, split.Train, settings, Log);
        var loss = settings.Loss is null ? choice.Loss : Loss.Parse(settings.Loss);
        autoencoder.Compile(Optimizer.Parse(settings.Optimizer, settings.LearningRate), loss);

        var metadata = Metadata(settings, data);
        var backup = Checkpoints(settings, autoencoder, metadata);
        var callbacks = new List<Callback>(BeforeFit?.Invoke(autoencoder, data) ?? []);
        if (settings.Patience is { } patience) callbacks.Add(new EarlyStopping(patience));
        bool holdOut = settings.ValidationSplit is > 0;
        var options = new FitOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.Batch.Value,
            Seed = settings.Seed,
            ValidationSplit = settings.ValidationSplit ?? 0,
            ValidationData = holdOut ? null : data.Validation,
            Callbacks = callbacks,
            Backup = backup,
        };
        Log.WriteLine($"ae train: {autoencoder.Name} ({autoencoder.Parameters.TotalCount:N0} parameters, loss {loss.Name}) on {split.Description}: " +
                      $"{split.Train.Count:N0} training samples{(split.Test is null ? "" : $", {split.Test.Count:N0} test samples")}; {backend.Name}");
        if (ResumeFrom is not null)
            Log.WriteLine($"ae train: resuming {settings.Out} from its checkpoint ({ResumeFrom.Describe()})");
        var history = Fit is null ? FitWithLines(autoencoder, split.Train, options) : Fit(autoencoder, split.Train, options);
        // The final weights (with early stopping, the restored best ones) with the record of their errors, so that
        // detection's threshold is the model's own and not a fraction of whatever data it is given.
        foreach (var calibration in TrainingCalibration.Measure(autoencoder, split.Train, settings.ValidationSplit))
        {
            metadata[calibration.MetadataKey] = calibration.ToMetadataValue();
            Log.WriteLine(TrainingCalibration.Describe(calibration));
        }
        var result = new TrainingResult(autoencoder, metadata, history, data, settings, backend.Name);
        if (result.ModelPath is { } path) ModelFile.Save(autoencoder, path, metadata);
        return result;
    }

    /// <summary>What the model file holds beside the architecture: the settings, the scaler and the CSV column names.</summary>
    private static Dictionary<string, string> Metadata(TrainingSettings settings, TrainingData data)
    {
        var metadata = new Dictionary<string, string>(settings.ToMetadata());
        if (data.Scaler is not null) metadata[ModelData.MinMaxKey] = ModelData.ScalerMetadata(data.Scaler);
        if (ModelData.FeatureNamesOf(settings.Data, data.Split.Train.FeatureCount) is { } columns)
            metadata[ModelPreprocessing.ColumnsKey] = new ModelPreprocessing(null, columns, null).ToMetadata()[ModelPreprocessing.ColumnsKey];
        return metadata;
    }

    /// <summary>The checkpoints of a run with a folder, null without one. The model file goes with every checkpoint, so that it
    /// always holds the last good weights; the folder is made by the first checkpoint, so that a run that fails before one leaves nothing behind.</summary>
    private BackupAndRestore? Checkpoints(TrainingSettings settings, Autoencoder model, IReadOnlyDictionary<string, string> metadata)
    {
        if (settings.Out is not { } folder) return null;
        var backup = new BackupAndRestore(folder)
        {
            EveryBatches = settings.CheckpointEvery,
            Metadata = settings.ToCheckpointMetadata(),
            Saved = _ => ModelFile.Save(model, Path.Combine(folder, ModelFileName), metadata),
            AlreadyRead = ResumeFrom,
        };
        if (ResumeFrom is null && File.Exists(backup.FilePath))
            throw new SettingsException($"--out {folder}: holds the checkpoint of an interrupted run; continue it with ae train --resume {folder}, or delete {backup.FilePath}");
        return backup;
    }

    private History FitWithLines(Model model, IBatchSource train, FitOptions options)
    {
        options.Callbacks.Add(new EpochLines(Log, options.Epochs));
        return model.Fit(train, options);
    }
}
