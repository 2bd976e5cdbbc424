using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Commands;

/// <summary>Reads a model file for the commands that apply one; every problem becomes a one-line bad-input error.</summary>
internal static class ModelLoading
{
    public static LoadedModel Load(string path)
    {
        if (!File.Exists(path))
            throw new UsageException(Directory.Exists(path)
                ? $"{path}: is a folder, expected a model file (for example DIR/model.safetensors)"
                : $"{path}: no such model file");
        return ModelFile.Load(path);
    }

    public static Autoencoder LoadAutoencoder(string path) => LoadAutoencoder(path, out _);

    /// <summary>The autoencoder in the file, and the file's whole content (its metadata: scaler, training classes).</summary>
    public static Autoencoder LoadAutoencoder(string path, out LoadedModel loaded)
    {
        loaded = Load(path);
        return loaded.Model as Autoencoder ?? throw new UsageException($"{path}: holds a plain model, not an autoencoder with an encoder and a decoder");
    }
}
