using System.Text.Json.Nodes;
using Autoencoders.Data.Tests;
using Autoencoders.Nn.Graphs;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Layers.Merging;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Serialization;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Graphs;

/// <summary>Models that are graphs: skip connections, shared layers, functional parts of an autoencoder, and their files.</summary>
public sealed class FunctionalModelTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>x → Dense → Dense, plus x again: a residual block that reconstructs its input.</summary>
    private static Functional Residual()
    {
        var x = SymbolicTensor.Input(new Shape(20), "x");
        var hidden = new Dense(6, Activation.Relu).Apply(x);
        var correction = new Dense(20).Apply(hidden);
        return new Functional(x, new Add().Apply(correction, x)) { Name = "residual" };
    }

    [Fact]
    public void ASkipConnectionTrainsSavesAndLoadsBitIdentically()
    {
        var data = LowRankData.Create(count: 300);
        var model = Residual();
        model.Build(new Shape(20), seed: 2);
        model.Compile(new Adam(0.01f), Loss.MeanSquaredError);
        double before = model.Evaluate(data);
        model.Fit(data, new FitOptions { Epochs = 5, BatchSize = 32 });
        double after = model.Evaluate(data);
        Assert.True(after < before / 2, $"loss {before} -> {after}");

        string path = folder.File("residual.safetensors");
        ModelFile.Save(model, path);
        var copy = Assert.IsType<Functional>(ModelFile.Load(path).Model);
        Assert.Equal(ModelArchitecture.ToJson(model).ToJsonString(), ModelArchitecture.ToJson(copy).ToJsonString());
        Assert.Equal(model.Predict(data), copy.Predict(data));
    }

    [Fact]
    public void TheSummaryShowsWhatEachCallIsConnectedTo()
    {
        var model = Residual();
        model.Build(new Shape(20));
        string summary = model.Summary();
        Assert.Contains("Connected to", summary);
        Assert.Matches(@"add \(Add\)\s+\(None, 20\)\s+0\s+dense_1, x", summary);
        Assert.Matches(@"dense \(Dense\)\s+\(None, 6\)\s+126\s+x", summary);
        Assert.Contains("Total params: 266", summary); // 20·6 + 6 + 6·20 + 20
    }

    [Fact]
    public void ASharedLayerHasOneSetOfWeightsUsedByEveryCall()
    {
        var x = SymbolicTensor.Input(new Shape(8), "x");
        var shared = new Dense(8, Activation.Tanh);
        var model = new Functional(x, shared.Apply(shared.Apply(x)));
        model.Build(new Shape(8), seed: 1);
        Assert.Equal(8 * 8 + 8, model.Parameters.TotalCount);
        Assert.Contains("(shared)", model.Summary());
        Assert.Contains("dense:1", model.Summary());

        var data = LowRankData.Create(count: 5, features: 8);
        float[] twice = model.Predict(data);
        Assert.Equal(2, shared.Parameters.Count);
        var json = ModelArchitecture.ToJson(model);
        var entries = (JsonArray)json["layers"]!;
        Assert.Equal("dense", entries[1]!["shares"]!.GetValue<string>());

        string path = folder.File("shared.safetensors");
        ModelFile.Save(model, path);
        var copy = ModelFile.Load(path).Model;
        Assert.Equal(twice, copy.Predict(data));
        Assert.Equal(8 * 8 + 8, copy.Parameters.TotalCount);
    }

    [Fact]
    public void AnAutoencoderCanBeMadeOfFunctionalParts()
    {
        var input = SymbolicTensor.Input(new Shape(20), "input");
        var wide = new Dense(12, Activation.Relu).Apply(input);
        var narrow = new Dense(12, Activation.Relu).Apply(wide);
        var encoder = new Functional(input, new Dense(3).Apply(new Add().Apply(wide, narrow)));
        var code = SymbolicTensor.Input(new Shape(3), "code");
        var decoder = new Functional(code, new Dense(20, Activation.Sigmoid).Apply(code));
        var model = new Autoencoder(encoder, decoder);
        model.Compile(new Adam(0.01f), Loss.BinaryCrossEntropy);
        var data = LowRankData.Create(count: 200);
        model.Fit(data, new FitOptions { Epochs = 3, BatchSize = 32 });
        Assert.Equal(3, model.CodeSize);
        Assert.False(model.IsStack);

        string path = folder.File("parts.safetensors");
        ModelFile.Save(model, path);
        var copy = Assert.IsType<Autoencoder>(ModelFile.Load(path).Model);
        Assert.Equal(model.Encode(data), copy.Encode(data));
        Assert.Equal(model.Predict(data), copy.Predict(data));
    }

    [Fact]
    public void AShapeThatDoesNotFitFailsAtTheCallNamingTheLayer()
    {
        var x = SymbolicTensor.Input(new Shape(20), "x");
        var small = new Dense(6).Apply(x);
        var error = Assert.Throws<ArgumentException>(() => new Add().Apply(small, x));
        Assert.Contains("Add expected inputs of one shape, received (6) and (20)", error.Message);
    }

    [Fact]
    public void AnOutputThatNeedsAnUndeclaredInputIsRefused()
    {
        var x = SymbolicTensor.Input(new Shape(4), "x");
        var y = SymbolicTensor.Input(new Shape(4), "y");
        var error = Assert.Throws<ArgumentException>(() => new Functional(x, new Add().Apply(x, y)));
        Assert.Contains("input y", error.Message);
    }
}
