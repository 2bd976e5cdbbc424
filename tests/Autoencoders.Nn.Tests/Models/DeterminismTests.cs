using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Serialization;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Models;

/// <summary>The same seed gives the same model, bit for bit, on the multi-threaded default backend.</summary>
public sealed class DeterminismTests : IDisposable
{
    private readonly Autoencoders.Data.Tests.TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>64-128-8-128-64 in batches of 64: each GEMM is large enough to be split over the cores.</summary>
    private static Autoencoder Train(int seed)
    {
        var data = LowRankData.Create(count: 400, features: 64, rank: 4);
        var model = new Autoencoder([new Dense(128, Activation.Relu), new Dense(8)], [new Dense(128, Activation.Relu), new Dense(64, Activation.Sigmoid)]);
        model.Build(new Shape(64), (ulong)seed);
        model.Compile(new Adam(0.003f), Loss.BinaryCrossEntropy);
        model.Fit(data, new FitOptions { Epochs = 3, BatchSize = 64, Seed = seed });
        return model;
    }

    [Fact]
    public void SameSeedGivesBitIdenticalParametersAndFiles()
    {
        var first = Train(seed: 5);
        var second = Train(seed: 5);

        Assert.Equal(first.Parameters.Snapshot(), second.Parameters.Snapshot());
        ModelFile.Save(first, folder.File("first.safetensors"));
        ModelFile.Save(second, folder.File("second.safetensors"));
        Assert.Equal(File.ReadAllBytes(folder.File("first.safetensors")), File.ReadAllBytes(folder.File("second.safetensors")));
    }

    [Fact]
    public void DifferentSeedsGiveDifferentModels()
    {
        var first = Train(seed: 5);
        var second = Train(seed: 6);

        Assert.NotEqual(first.Parameters.Snapshot(), second.Parameters.Snapshot());
    }

    [Fact]
    public void FitBuildsWithTheOptionsSeed()
    {
        var data = LowRankData.Create();
        float[] Initial(int seed)
        {
            var model = TinyModels.Create();
            model.Compile(new Adam(1e-30f), Loss.MeanSquaredError);
            model.Fit(data, new FitOptions { Epochs = 1, Seed = seed });
            return model.Parameters.Snapshot();
        }

        Assert.Equal(Initial(3), Initial(3));
        Assert.NotEqual(Initial(3), Initial(4));
    }
}
