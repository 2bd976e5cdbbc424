using Autoencoders.Serving.Inference;

namespace Autoencoders.Cli.Commands;

/// <summary>A model file as <c>ae serve</c> serves it: the autoencoder, its saved preprocessing and columns, and its threshold.</summary>
internal static class ServedModels
{
    public static ServedModel Load(string modelPath, double? contamination, double? quantile, double? threshold, int threads)
    {
        var loaded = AppliedModel.LoadModel(modelPath, threads, out var autoencoder);
        double x = threshold ?? throw new UsageException($"{modelPath}: TODO calibration");
        _ = (contamination, quantile);
        return new ServedModel(autoencoder, ModelData.ScalerOf(loaded), null, x, "given by --threshold");
    }
}
