using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Presets;
using Autoencoders.Nn.Serialization;
using Autoencoders.Tensors;

namespace Autoencoders.Applications.Training;

/// <summary>What <see cref="TrainingSettings.Model"/> (<c>ae train --model</c>) names: a preset, or a YAML/JSON file describing encoder and decoder.</summary>
public sealed record ModelChoice(Autoencoder Model, Loss Loss, int BatchSize, YamlModelFile? File = null)
{
    public const string Help = "a preset (dense, deep, sparse, denoising, contractive, conv, conv-deep, vae, dbn) or a .yaml/.json model file";

    public static bool IsFile(string model) =>
        Path.GetExtension(model).ToLowerInvariant() is ".yaml" or ".yml" or ".json";

    /// <summary>The unbuilt model for samples of <paramref name="inputSize"/> values. <paramref name="noise"/> makes any model a
    /// denoising one (Gaussian noise of that factor on the inputs, clipped to [0, 1]); the denoising preset's own factor is 0.5.</summary>
    public static ModelChoice Resolve(string model, int inputSize, int? code, float? noise)
    {
        ModelChoice choice;
        if (IsFile(model))
            choice = FromFile(model, code, noise);
        else if (ModelPresets.Names.Contains(model))
        {
            var (autoencoder, loss) = ModelPresets.Create(model, inputSize, code, noise);
            choice = new ModelChoice(autoencoder, loss, ModelPresets.BatchSize(model));
        }
        else if (TimeSeriesPresets.Names.Contains(model)) // one-channel windows of inputSize steps, as ae timeseries trains them
        {
            var (autoencoder, loss, batchSize) = TimeSeriesPresets.Create(model, inputSize, codeSize: code);
            choice = new ModelChoice(autoencoder, loss, batchSize);
        }
        else
            throw new SettingsException($"--model {model}: unknown, expected {Help}");
        if (noise is { } factor && choice.Model.Encoder[0] is not NoiseLayer)
            choice = choice with { Model = new Autoencoder([new GaussianNoise(factor, 0f, 1f), .. choice.Model.Encoder], choice.Model.Decoder) { Name = choice.Model.Name } };
        return choice;
    }

    /// <summary>Builds the model for samples of <paramref name="inputSize"/> values; a file's layer that does not fit is reported at its line.</summary>
    public void Build(int inputSize, int seed)
    {
        if (File is not null) File.Build(new Shape(inputSize), (ulong)seed);
        else Model.Build(new Shape(inputSize), (ulong)seed);
    }

    private static ModelChoice FromFile(string path, int? code, float? noise)
    {
        if (!System.IO.File.Exists(path))
            throw new SettingsException($"--model {path}: no such model file");
        if (code is not null)
            throw new SettingsException($"--code does not apply to a model file ({path}): set the code layer's size in the file");
        if (noise is not null)
            throw new SettingsException($"--noise does not apply to a model file ({path}): put a GaussianNoise layer first in its encoder");
        var file = YamlModelFile.Load(path);
        return new ModelChoice(file.Model, file.Loss ?? Loss.MeanSquaredError, 256, file);
    }
}
