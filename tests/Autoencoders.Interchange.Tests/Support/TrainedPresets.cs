using System.Collections.Concurrent;
using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Presets;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;

namespace Autoencoders.Interchange.Tests;

/// <summary>
/// Every preset built with a fixed seed and fitted briefly (so the weights are not the initial ones), trained once
/// and shared by the tests. Batch normalisation's moving statistics, which a short fit barely moves from (0, 1), and its
/// γ and β are then set to spread values, so the exported inference form is really exercised.
/// </summary>
public sealed class TrainedPresets
{
    private readonly ConcurrentDictionary<string, Lazy<Autoencoder>> models = new();

    public Autoencoder Get(string preset) => models.GetOrAdd(preset, name => new Lazy<Autoencoder>(() => Train(name))).Value;

    private static Autoencoder Train(string preset)
    {
        var (model, loss) = ModelPresets.Create(preset, ExportSamples.Features);
        model.Build(new Shape(ExportSamples.Features), seed: 1);
        model.Compile(new Adam(1e-3f), loss);
        // conv-deep trains at about 170 samples a second here: a few batches are enough to move every weight.
        Dataset train = preset == "conv-deep" ? ExportSamples.Train.Slice(0, 64) : ExportSamples.Train;
        model.Fit(train, new FitOptions { Epochs = 1, BatchSize = preset == "conv-deep" ? 32 : 64, Seed = 1 });
        SpreadBatchNormalization(model);
        return model;
    }

    public static void SpreadBatchNormalization(Model model)
    {
        var random = new DeterministicRandom(7);
        foreach (var (_, layer) in model.NamedLayers)
        {
            if (layer is not BatchNormalization) continue;
            foreach (var parameter in layer.Parameters)
            {
                var (low, high) = parameter.Name switch
                {
                    "gamma" => (0.5f, 1.5f),
                    "beta" => (-0.3f, 0.3f),
                    "moving_mean" => (-0.5f, 0.5f),
                    _ => (0.2f, 2f), // moving_variance
                };
                random.FillUniform(parameter.Value.Span, low, high);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TrainedPresetsCollection : ICollectionFixture<TrainedPresets>
{
    public const string Name = "trained presets";
}
