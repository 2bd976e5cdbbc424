using Autoencoders.Applications.Training;
using Autoencoders.Applications.Translation;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Data.Images;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Presets;
using Autoencoders.Nn.Serialization;
using Autoencoders.Nn.Training;
using Autoencoders.Nn.Training.Checkpoints;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Commands.Translation;

/// <summary>
/// <c>ae train --task T</c> and <c>ae train --targets Y</c>: trains a U-Net (or the plain encoder-decoder) from
/// corrupted (or paired) images to clean ones, then scores it and the classical baselines on the same test images.
/// </summary>
internal static class TranslationTraining
{
    public const string TaskKey = "translation.task", LayoutKey = "translation.layout";

    /// <param name="modelGiven">Whether --model was on the command line (else the U-Net, not ae train's dense default).</param>
    /// <param name="resumeFrom">The checkpoint in <c>settings.Out</c> to continue from (<see cref="TrainResume.Read"/>); null for a new run.</param>
    public static TranslationResult Run(TrainingSettings settings, TranslationSettings translation, bool modelGiven, TextWriter output,
        TrainingCheckpoint? resumeFrom = null)
    {
        settings.Validate();
        string folder = settings.Out ?? throw new ArgumentException("expected settings with an output folder, received none", nameof(settings));
        string modelName = modelGiven ? settings.Model : TranslationPresets.UnetName;
        if (!TranslationPresets.IsTranslationPreset(modelName))
            throw new UsageException($"--model {modelName}: an image-to-image run trains {string.Join(" or ", TranslationPresets.Names)}");
        if (settings.Classes is not null || settings.ValidationSplit is not null || settings.PretrainEpochs is not null)
            throw new UsageException("--classes, --validation-split and --pretrain-epochs do not apply to an image-to-image run");
        settings = settings with { Model = modelName }; // what a resumed run builds
        var pairs = TranslationData.Load(settings, translation);
        var layout = pairs.Layout;
        var corruption = translation.Corruption(layout, settings.Noise);

        var model = TranslationPresets.Create(modelName, layout, translation.Filters);
        var backend = CpuBackend.CreateDefault(settings.Threads);
        model.Backend = backend;
        model.Build(new Shape(layout.ValueCount), (ulong)settings.Seed);
        var loss = Loss.Parse(settings.Loss ?? "mse");
        model.Compile(Optimizer.Parse(settings.Optimizer, settings.LearningRate), loss);

        IBatchSource trainInputs = corruption is null ? pairs.TrainInputs : new CorruptedImages(pairs.TrainTargets, layout, corruption, settings.Seed);
        var (testInputs, hidden) = corruption is null ? (pairs.TestInputs.Features, null) : new CorruptedImages(pairs.TestTargets, layout, corruption, settings.Seed + 1).Materialize();
        var testInputSet = new Dataset(testInputs, layout.ValueCount, sampleShape: pairs.TestTargets.SampleShape);
        var callbacks = new List<Callback>();
        if (trainInputs is CorruptedImages corrupted) callbacks.Add(corrupted.AdvancePerEpoch());
        if (settings.Patience is { } patience) callbacks.Add(new EarlyStopping(patience));
        var metadata = new Dictionary<string, string>(settings.ToMetadata()) { ["training.preset"] = modelName, [LayoutKey] = TranslationData.FormatLayout(layout) };
        if (corruption is not null) metadata[TaskKey] = corruption.ToMetadata();
        string modelPath = Path.Combine(folder, TrainingRecipe.ModelFileName);
        // As ae train's: the model file goes with every checkpoint, and the folder comes with the first one.
        var backup = new BackupAndRestore(folder)
        {
            EveryBatches = settings.CheckpointEvery,
            Metadata = new Dictionary<string, string>(settings.ToCheckpointMetadata().Concat(translation.ToCheckpointMetadata())),
            Saved = _ => ModelFile.Save(model, modelPath, metadata),
            AlreadyRead = resumeFrom,
        };
        if (resumeFrom is null && File.Exists(backup.FilePath))
            throw new UsageException($"--out {folder}: holds the checkpoint of an interrupted run; continue it with ae train --resume {folder}, or delete {backup.FilePath}");
        var options = new FitOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.Batch ?? 32,
            Seed = settings.Seed,
            ValidationData = testInputSet,
            ValidationTargets = pairs.TestTargets,
            Callbacks = callbacks,
            Backup = backup,
        };
        output.WriteLine($"ae train: {model.Name} ({model.Parameters.TotalCount:N0} parameters, loss {loss.Name}) on {pairs.Description}, {layout} images: " +
                         $"{pairs.TrainTargets.Count:N0} training pairs, {pairs.TestTargets.Count:N0} test pairs; " +
                         $"{corruption?.Describe() ?? $"targets from {translation.Targets}"}; {backend.Name}");
        if (resumeFrom is not null)
            output.WriteLine($"ae train: resuming {folder} from its checkpoint ({resumeFrom.Describe()})");
        var history = TrainingProgress.Fit(model, trainInputs, options, output, pairs.TrainTargets);

        float[] outputs = ImageTranslation.Translate(model, testInputs, hidden, layout.ValueCount);
        var scores = new List<TranslationScore> { TranslationScore.Of(model.Name, pairs.TestTargets.Features, outputs, hidden, layout) };
        if (corruption is not null)
            foreach (var (name, baseline) in TranslationBaselines.Compute(corruption, pairs.TrainTargets, layout, testInputs, hidden, settings.Seed))
                scores.Add(TranslationScore.Of(name, pairs.TestTargets.Features, baseline, hidden, layout));
        else
            scores.Add(TranslationScore.Of("input", pairs.TestTargets.Features, testInputs, null, layout));

        var result = new TranslationResult(model, corruption, layout, scores, history, model.Evaluate(testInputSet, pairs.TestTargets));
        Directory.CreateDirectory(folder);
        ModelFile.Save(model, modelPath, metadata);
        TranslationOutputs.Write(folder, result, testInputs, outputs, pairs.TestTargets, backend.Name);
        output.Write(TranslationOutputs.Table(result));
        output.WriteLine($"test_loss {result.TestLoss:F5}; wrote {folder}/");
        return result;
    }
}

/// <summary>What an image-to-image run measured: the model's and each baseline's scores on the test images (the model's first).</summary>
internal sealed record TranslationResult(Model Model, ImageCorruption? Corruption, ImageLayout Layout, IReadOnlyList<TranslationScore> Scores, History History, double TestLoss);
