using System.CommandLine;
using Autoencoders.Applications.Training;
using Autoencoders.Cli.Output;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Presets;
using Autoencoders.Nn.Training.Checkpoints;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Cli.Commands;

/// <summary><c>ae train</c>: reads its options into <see cref="TrainingSettings"/>, trains by the library's
/// <see cref="TrainingRecipe"/> and writes the model, its history, metrics and pictures.</summary>
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
                var (resumed, imageToImage, checkpoint) = TrainResume.Read(folder);
                // An image-to-image run saved the model it resolved, so that it is the one given now.
                if (imageToImage is not null) Translation.TranslationTraining.Run(resumed, imageToImage, modelGiven: true, output, checkpoint);
                else Run(resumed, output, checkpoint);
                return ExitCodes.Success;
            }
            var settings = new TrainingSettings
            {
                Data = parsed.GetValue(data)!, Model = parsed.GetValue(model)!, Code = parsed.GetValue(code),
                Epochs = CommonOptions.Positive(parsed.GetValue(epochs), "--epochs"), Batch = parsed.GetValue(batch),
                Loss = parsed.GetValue(loss), Optimizer = parsed.GetValue(optimizer)!, LearningRate = parsed.GetValue(learningRate), Seed = parsed.GetValue(seed),
                ValidationSplit = parsed.GetValue(validationSplit), Patience = parsed.GetValue(patience), Limit = parsed.GetValue(limit),
                Threads = CommonOptions.Threads(parsed.GetValue(threads)),
                Out = parsed.GetValue(outFolder) ?? throw new UsageException("--out is required (or --resume DIR to continue an interrupted run)"),
                Noise = parsed.GetValue(noise), PretrainEpochs = parsed.GetValue(pretrainEpochs),
                Classes = parsed.GetValue(classes), CheckpointEvery = parsed.GetValue(checkpointEvery),
            };
            if (translation.Read(parsed) is { } images) Translation.TranslationTraining.Run(settings, images, parsed.GetResult(model) is { Implicit: false }, output);
            else Run(settings, output, dashboard: TrainDashboard.Read(parsed));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Trains by the library's recipe with this command's progress display, then writes history.csv, metrics.json and
    /// the figures beside the model file in <see cref="TrainingSettings.Out"/>.</summary>
    /// <param name="resumeFrom">The checkpoint in <c>settings.Out</c> to continue from (<see cref="TrainResume.Read"/>); null for a new run.</param>
    /// <param name="backend">The kernels to train on; null: a new backend of <c>settings.Threads</c> threads.</param>
    public static TrainingResult Run(TrainingSettings settings, TextWriter output, TrainingCheckpoint? resumeFrom = null, TrainDashboard.Request? dashboard = null,
        IComputeBackend? backend = null)
    {
        using var live = TrainDashboard.For(dashboard, output);
        var trained = Recipe(output, backend, resumeFrom, live).Run(settings);
        live?.Finish(trained);
        var result = TrainingReport.Write(trained);
        output.WriteLine($"test_loss {result.TestLoss?.ToString("F5") ?? "n/a (no test split)"}; {result.SamplesPerSecond:N0} samples/s; wrote {settings.Out}/");
        return trained;
    }

    /// <summary>The recipe as <c>ae train</c> runs it: its lines on <paramref name="output"/>, each epoch's a progress bar on a terminal.</summary>
    public static TrainingRecipe Recipe(TextWriter output, IComputeBackend? backend = null, TrainingCheckpoint? resumeFrom = null, TrainDashboard? live = null) => new()
    {
        Log = output,
        Backend = backend,
        Fit = (model, train, options) => TrainingProgress.Fit(model, train, options, output),
        BeforeFit = live is null ? null : live.Start,
        ResumeFrom = resumeFrom,
    };
}
