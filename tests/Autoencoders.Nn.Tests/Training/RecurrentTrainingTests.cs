using Autoencoders.Cli.Tests;
using Autoencoders.Data;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Presets;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Training;

/// <summary>The lstm preset (torch_reference.py's sequence autoencoder) learns: on 300 Fashion-MNIST images its
/// reconstruction loss falls well below where it starts.</summary>
public sealed class RecurrentTrainingTests
{
    [FashionMnistFact]
    public void TheLstmPresetsLossFallsOnFashionMnist()
    {
        Dataset train = DatasetCatalog.Load("fashion-mnist").Train.Limit(300);
        var (model, loss) = ModelPresets.Create("lstm", train.FeatureCount);
        model.Build(new Shape(train.FeatureCount), seed: 1);
        model.Compile(new Adam(0.005f), loss);
        double initial = model.Evaluate(train);

        var history = model.Fit(train, new FitOptions { Epochs = 8, BatchSize = 32, Seed = 1 });
        double final = model.Evaluate(train);

        // Measured: BCE 0.694 at the start, 0.415 after 8 epochs (epoch losses 0.588, 0.502, … 0.419).
        Assert.True(initial > 0.6, $"initial BCE {initial}");
        Assert.True(final < 0.45, $"BCE after 8 epochs {final} (from {initial}); epoch losses {string.Join(", ", history.Loss)}");
    }
}
