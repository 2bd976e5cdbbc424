using Autoencoders.Data.Tests;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Serialization;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Serialization;

/// <summary>Save then Load gives back the same architecture, the same weights and the same predictions.</summary>
public sealed class ModelFileRoundTripTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void TrainedAutoencoderComesBackExactly()
    {
        var data = LowRankData.Create(count: 200);
        var model = TinyModels.Compiled(new Adam(0.01f), Loss.BinaryCrossEntropy);
        model.Name = "tiny";
        model.Fit(data, new FitOptions { Epochs = 2, BatchSize = 32 });
        string path = folder.File("model.safetensors");

        ModelFile.Save(model, path, new Dictionary<string, string> { ["training.seed"] = "1" });
        var loaded = ModelFile.Load(path);

        var copy = Assert.IsType<Autoencoder>(loaded.Model);
        Assert.Equal(ModelArchitecture.ToJson(model).ToJsonString(), ModelArchitecture.ToJson(copy).ToJsonString());
        Assert.Equal("tiny", copy.Name);
        Assert.Equal(model.Parameters.Entries.Select(e => e.Path), copy.Parameters.Entries.Select(e => e.Path));
        Assert.Equal(model.Parameters.Snapshot(), copy.Parameters.Snapshot());
        Assert.Equal("bce", loaded.Loss?.Name);
        Assert.Equal("1", loaded.Metadata["training.seed"]);
        Assert.Equal(ModelFile.FormatName, loaded.Metadata["format"]);
        Assert.Equal(model.Predict(data), copy.Predict(data));
        Assert.Equal(model.Encode(data), copy.Encode(data));
    }

    [Fact]
    public void EveryLayerSettingSurvives()
    {
        var model = new Sequential(
            new Dense(6, Activation.LeakyRelu, useBias: false, Initializer.HeNormal),
            new ActivationLayer(Activation.Softplus),
            new Dense(5, Activation.Tanh, kernelInitializer: Initializer.TorchDefault, biasInitializer: Initializer.TorchDefault)) { Name = "stack" };
        model.Build(new Shape(7), seed: 3);
        string path = folder.File("sequential.safetensors");

        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);

        var copy = Assert.IsType<Sequential>(loaded.Model);
        Assert.Equal(ModelArchitecture.ToJson(model).ToJsonString(), ModelArchitecture.ToJson(copy).ToJsonString());
        Assert.Equal(model.Parameters.Snapshot(), copy.Parameters.Snapshot());
        Assert.Null(loaded.Loss); // never compiled, so no loss was saved
        Assert.False(((Dense)copy.Layers[0]).UseBias);
        Assert.Equal(Initializer.TorchDefault, ((Dense)copy.Layers[2]).BiasInitializer);
    }

    [Fact]
    public void SavingTheSameModelTwiceWritesTheSameBytes()
    {
        var model = TinyModels.Compiled(new Adam(), Loss.MeanSquaredError);

        ModelFile.Save(model, folder.File("a.safetensors"));
        ModelFile.Save(model, folder.File("b.safetensors"));

        Assert.Equal(File.ReadAllBytes(folder.File("a.safetensors")), File.ReadAllBytes(folder.File("b.safetensors")));
        Assert.Equal(["a.safetensors", "b.safetensors"], folder.EntryNames()); // no temporary files left
    }
}
