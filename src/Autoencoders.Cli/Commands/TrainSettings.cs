using System.Globalization;
using Autoencoders.Applications.Training;

namespace Autoencoders.Cli.Commands;

/// <summary>Everything <c>ae train</c> was asked to do; also saved into the model file's metadata.</summary>
/// <param name="Classes">Train on the samples with these labels only ("0,2,5" or class names), e.g. the normal classes of anomaly detection.</param>
internal sealed record TrainSettings(
    string Data, string Model, int? Code, int Epochs, int? Batch, string? Loss, string Optimizer, float? LearningRate,
    int Seed, double? ValidationSplit, int? Patience, int? Limit, int Threads, string Out, float? Noise = null, int? PretrainEpochs = null,
    string? Classes = null, int? CheckpointEvery = null)
{
    public void Validate()
    {
        CommonOptions.RequirePositiveLimit(Limit);
        if (Classes is not null && string.IsNullOrWhiteSpace(Classes)) throw new UsageException("--classes: expected labels separated by commas, received an empty list");
        if (Batch is <= 0) throw new UsageException($"--batch must be a positive integer, received {Batch}");
        if (Noise is { } noise && !(noise >= 0 && float.IsFinite(noise))) throw new UsageException($"--noise must be a non-negative number, received {noise}");
        if (PretrainEpochs is <= 0) throw new UsageException($"--pretrain-epochs must be a positive integer, received {PretrainEpochs}");
        if (PretrainEpochs is not null && Model != "dbn") throw new UsageException($"--pretrain-epochs applies to --model dbn only, received --model {Model}");
        if (Code is <= 0) throw new UsageException($"--code must be a positive integer, received {Code}");
        if (LearningRate is { } lr && !(lr > 0 && float.IsFinite(lr))) throw new UsageException($"--lr must be a positive number, received {lr}");
        if (ValidationSplit is { } v && !(v >= 0 && v < 1)) throw new UsageException($"--validation-split must be in [0, 1), received {v}");
        if (CheckpointEvery is <= 0) throw new UsageException($"--checkpoint-every must be a positive number of batches, received {CheckpointEvery}");
        if (Patience is < 0) throw new UsageException($"--early-stopping must be 0 or more epochs, received {Patience}");
        if (File.Exists(Out)) throw new UsageException($"--out {Out}: is a file, expected a folder");
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
}
