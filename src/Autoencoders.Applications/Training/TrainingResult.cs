using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;
using Autoencoders.Nn.Training;

namespace Autoencoders.Applications.Training;

/// <summary>
/// What <see cref="TrainingRecipe.Run"/> trained: the model with its final weights (with early stopping, the best
/// ones), ready to apply, and the metadata its file holds or would hold — the settings, the scaler and column names
/// of tabular data, the training classes and the calibration of its errors — so that a caller holds everything a
/// loaded model file gives.
/// </summary>
/// <param name="Metadata">The entries <see cref="ModelFile.Save"/> writes beside the architecture (<see cref="Preprocessing"/> reads them).</param>
/// <param name="Data">The data it trained on, as the model takes it, and the test split in its own units.</param>
/// <param name="Settings">The settings run, with the batch size and class list as the run resolved them.</param>
/// <param name="BackendName">The kernels it trained on, e.g. "cpu/openblas SKYLAKEX (2 threads)".</param>
public sealed record TrainingResult(Autoencoder Model, IReadOnlyDictionary<string, string> Metadata, History History, TrainingData Data,
    TrainingSettings Settings, string BackendName)
{
    /// <summary>The model file written, or null when <see cref="TrainingSettings.Out"/> was null.</summary>
    public string? ModelPath => Settings.Out is null ? null : Path.Combine(Settings.Out, TrainingRecipe.ModelFileName);

    /// <summary>How a raw sample is prepared for the model (scaler, column names, training classes), as read from its file.</summary>
    public ModelPreprocessing Preprocessing => ModelPreprocessing.Read(Metadata);

    /// <summary>The model as <see cref="ModelFile.Load"/> would give it back, for the code that applies loaded models.</summary>
    public LoadedModel ToLoadedModel() => new(Model, Model.Loss, Metadata);
}
