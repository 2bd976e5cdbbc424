using Autoencoders.Applications.Training;
using Autoencoders.Data;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Commands;

/// <summary>A trained autoencoder and the samples a command applies it to: the test split of <c>--data</c> (or its only
/// split), read and scaled as in training (<see cref="ModelData"/>).</summary>
/// <param name="SamplesName">What the samples are, for messages: "test samples", or "samples" for data without a test split.</param>
internal sealed record AppliedModel(LoadedModel Loaded, Autoencoder Model, Dataset Samples, string SamplesName, string DataDescription)
{
    public static AppliedModel Load(string modelPath, string data, int threads)
    {
        var loaded = LoadModel(modelPath, threads, out var model);
        var split = ModelData.Load(data, loaded);
        var samples = split.Test ?? split.Train;
        if (samples.FeatureCount != model.InputShape.ElementCount)
            throw new UsageException($"{modelPath}: the model expects samples of {model.InputShape.ElementCount} values, {split.Description} has {samples.FeatureCount}");
        return new AppliedModel(loaded, model, samples, split.Test is null ? "samples" : "test samples", split.Description);
    }

    /// <summary>The model file as an autoencoder whose kernels run on <paramref name="threads"/> threads (0: one per core).</summary>
    public static LoadedModel LoadModel(string modelPath, int threads, out Autoencoder model)
    {
        int checkedThreads = CommonOptions.Threads(threads);
        model = ModelLoading.LoadAutoencoder(modelPath, out var loaded);
        model.Backend = CpuBackend.CreateDefault(checkedThreads);
        return loaded;
    }
}
