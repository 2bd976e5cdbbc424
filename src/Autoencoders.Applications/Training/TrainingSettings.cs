using System.Globalization;
using System.Text.Json;
using Autoencoders.Nn.Training.Checkpoints;

namespace Autoencoders.Applications.Training;

/// <summary>
/// Everything a <see cref="TrainingRecipe"/> run is asked to do: each property is the <c>ae train</c> option of that
/// name (<see cref="Patience"/> is <c>--early-stopping</c>, <see cref="LearningRate"/> <c>--lr</c>), and its errors
/// name the options so. Part of it is saved into the model file's metadata (<see cref="ToMetadata"/>), all of it
/// into each checkpoint (<see cref="ToCheckpointMetadata"/>), so that a resumed run is the same run.
/// </summary>
public sealed record TrainingSettings
{
    // The properties keep their order and names: they are the JSON of the checkpoints that earlier runs left behind.

    /// <summary>A dataset name (fashion-mnist, mnist), a folder of the four IDX files, or a CSV file (a column named <c>label</c> holds the labels).</summary>
    public required string Data { get; init; }

    /// <summary>A preset (<see cref="ModelChoice.Help"/>) or a .yaml/.json model file.</summary>
    public string Model { get; init; } = "dense";

    /// <summary>The code (latent) size of a preset; null: the preset's own.</summary>
    public int? Code { get; init; }

    public int Epochs { get; init; } = 10;

    /// <summary>Samples per gradient step; null: the model's own (256; 128 for the VAE).</summary>
    public int? Batch { get; init; }

    /// <summary>mse, bce or rmse; null: the preset's.</summary>
    public string? Loss { get; init; }

    public string Optimizer { get; init; } = "adam";

    /// <summary>null: the optimizer's default.</summary>
    public float? LearningRate { get; init; }

    /// <summary>Fixes initial weights and shuffling: the same seed and threads give the same model, bit for bit.</summary>
    public int Seed { get; init; }

    /// <summary>The last fraction of the training samples held out for val_loss; null: val_loss on the test split.</summary>
    public double? ValidationSplit { get; init; }

    /// <summary>Early stopping: stop after this many epochs without val_loss improvement and keep the best weights.</summary>
    public int? Patience { get; init; }

    /// <summary>Train on the first N training samples (of <see cref="Classes"/>) only; the test split stays whole.</summary>
    public int? Limit { get; init; }

    /// <summary>Threads of the math kernels; 0: one per core.</summary>
    public int Threads { get; init; }

    /// <summary>The folder the model file (and, while training, its checkpoint) is written to; null: nothing is written.</summary>
    public string? Out { get; init; }

    /// <summary>Gaussian noise of this factor on the inputs, clipped to [0, 1]: a denoising autoencoder.</summary>
    public float? Noise { get; init; }

    /// <summary>dbn: CD-1 epochs per RBM before fine-tuning; null: 5.</summary>
    public int? PretrainEpochs { get; init; }

    /// <summary>Train and validate on the samples with these labels only ("0,2,5" or class names), e.g. the normal classes of anomaly detection.</summary>
    public string? Classes { get; init; }

    /// <summary>Also checkpoint (and save the model) every N batches, not only after every epoch; needs <see cref="Out"/>.</summary>
    public int? CheckpointEvery { get; init; }

    /// <summary>Metadata key of the settings (as JSON) in each checkpoint; the name is older than the library, and checkpoints carry it.</summary>
    public const string CheckpointKey = "cli.train_settings";

    /// <summary>Throws a <see cref="SettingsException"/> for the first setting out of range.</summary>
    public void Validate()
    {
        if (Epochs <= 0) throw new SettingsException($"--epochs must be a positive integer, received {Epochs}");
        if (Limit is <= 0) throw new SettingsException($"--limit must be a positive number of samples, received {Limit}");
        if (Threads < 0) throw new SettingsException($"--threads must be 0 (one per core) or more, received {Threads}");
        if (Classes is not null && string.IsNullOrWhiteSpace(Classes)) throw new SettingsException("--classes: expected labels separated by commas, received an empty list");
        if (Batch is <= 0) throw new SettingsException($"--batch must be a positive integer, received {Batch}");
        if (Noise is { } noise && !(noise >= 0 && float.IsFinite(noise))) throw new SettingsException($"--noise must be a non-negative number, received {noise}");
        if (PretrainEpochs is <= 0) throw new SettingsException($"--pretrain-epochs must be a positive integer, received {PretrainEpochs}");
        if (PretrainEpochs is not null && Model != "dbn") throw new SettingsException($"--pretrain-epochs applies to --model dbn only, received --model {Model}");
        if (Code is <= 0) throw new SettingsException($"--code must be a positive integer, received {Code}");
        if (LearningRate is { } lr && !(lr > 0 && float.IsFinite(lr))) throw new SettingsException($"--lr must be a positive number, received {lr}");
        if (ValidationSplit is { } v && !(v >= 0 && v < 1)) throw new SettingsException($"--validation-split must be in [0, 1), received {v}");
        if (CheckpointEvery is <= 0) throw new SettingsException($"--checkpoint-every must be a positive number of batches, received {CheckpointEvery}");
        if (CheckpointEvery is not null && Out is null) throw new SettingsException("--checkpoint-every: checkpoints go into --out, and none is given");
        if (Patience is < 0) throw new SettingsException($"--early-stopping must be 0 or more epochs, received {Patience}");
        if (Out is not null && File.Exists(Out)) throw new SettingsException($"--out {Out}: is a file, expected a folder");
    }

    /// <summary>The settings as model-file metadata. No timestamps or paths of this machine: the same run must write the same bytes.</summary>
    public IReadOnlyDictionary<string, string> ToMetadata()
    {
        var metadata = new Dictionary<string, string>
        {
            ["training.preset"] = Model,
            ["training.epochs"] = Epochs.ToString(CultureInfo.InvariantCulture),
            ["training.batch_size"] = (Batch ?? 0).ToString(CultureInfo.InvariantCulture),
            ["training.optimizer"] = Optimizer,
            ["training.seed"] = Seed.ToString(CultureInfo.InvariantCulture),
        };
        if (Classes is not null) metadata[ModelData.ClassesKey] = Classes;
        return metadata;
    }

    /// <summary>The whole settings under <see cref="CheckpointKey"/>, for <see cref="BackupAndRestore.Metadata"/>.</summary>
    public IReadOnlyDictionary<string, string> ToCheckpointMetadata() =>
        new Dictionary<string, string> { [CheckpointKey] = JsonSerializer.Serialize(this) };

    /// <summary>The settings of the run that wrote <paramref name="checkpoint"/> (read from <paramref name="path"/>); a checkpoint without them is bad data.</summary>
    public static TrainingSettings FromCheckpoint(TrainingCheckpoint checkpoint, string path)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!checkpoint.Metadata.TryGetValue(CheckpointKey, out string? json))
            throw new InvalidDataException($"{path}: a checkpoint without ae train's settings (\"{CheckpointKey}\"): it was not written by ae train");
        try
        {
            return JsonSerializer.Deserialize<TrainingSettings>(json) ?? throw new JsonException("null settings");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path}: unreadable ae train settings: {error.Message}", error);
        }
    }
}
