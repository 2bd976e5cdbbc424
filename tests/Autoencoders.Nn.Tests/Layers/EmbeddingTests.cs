using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Data.Tests;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Serialization;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Tests.Layers;

/// <summary>The Embedding layer: shapes and parameter counts as Keras, Keras's initializer, the mask of maskZero,
/// bad ids, and its configuration through LayerFactory and model files.</summary>
public sealed class EmbeddingTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static Sequential TextModel()
    {
        var model = new Sequential(new Embedding(50, 8), new Flatten(), new Dense(1, Activation.Sigmoid)) { Name = "text" };
        model.Build(new Shape(4), seed: 1);
        return model;
    }

    [Fact]
    public void TheSeedsTextModelHas433Parameters()
    {
        var model = TextModel();

        Assert.Equal(433, model.Parameters.TotalCount);
        Assert.Equal([400L, 0L, 33L], model.Layers.Select(l => l.Parameters.Sum(p => (long)p.Count)));
        Assert.Equal(new Shape(4, 8), model.Layers[0].OutputShape);
        string summary = model.Summary();
        Assert.Contains("embedding (Embedding)", summary);
        Assert.Contains("(None, 4, 8)", summary);
        Assert.Contains(" Total params: 433 ", summary);
        Assert.Contains("   400", summary);
        Assert.Contains("   33", summary);
    }

    [Fact]
    public void TheTableStartsUniformInPlusMinus005AsKeras()
    {
        var table = ((Embedding)TextModel().Layers[0]).Embeddings;
        Assert.Equal(new Shape(50, 8), table.Shape);
        Assert.All(table.ToArray(), v => Assert.InRange(v, -0.05f, 0.05f));
        Assert.True(table.ToArray().Max() > 0.04f && table.ToArray().Min() < -0.04f, "expected the whole range used");
        Assert.Equal("0.embeddings", TextModel().Parameters.Entries[0].Path);
    }

    [Fact]
    public void RowsAreLookedUpAndMaskZeroMarksThePadding()
    {
        var layer = new Embedding(5, 3, maskZero: true);
        layer.Build(new Shape(4), new DeterministicRandom(2));
        var graph = new Graph(Tensors.Backends.Cpu.CpuBackend.Shared);
        var ids = new Tensor(new Shape(2, 4), [3, 1, 0, 0, 4, 4, 2, 0]);

        Tensor y = layer.Call(graph, ids, training: false);

        Assert.Equal(new Shape(2, 4, 3), y.Shape);
        float[] table = layer.Embeddings.ToArray();
        Assert.Equal(table.AsSpan(9, 3).ToArray(), y.ToArray()[0..3]);
        Assert.Equal(table.AsSpan(0, 3).ToArray(), y.ToArray()[6..9]); // id 0 is still a row of the table, as in Keras
        Assert.NotNull(y.Mask);
        Assert.Equal(new Shape(2, 4), y.Mask!.Shape);
        Assert.Equal([1f, 1f, 0f, 0f, 1f, 1f, 1f, 0f], y.Mask.ToArray());
        Assert.Null(new Flatten().Call(graph, y, training: false).Mask);
    }

    [Fact]
    public void WithoutMaskZeroThereIsNoMask()
    {
        var layer = new Embedding(5, 3);
        layer.Build(new Shape(2), new DeterministicRandom(2));
        Assert.Null(layer.Call(new Graph(Tensors.Backends.Cpu.CpuBackend.Shared), new Tensor(new Shape(1, 2), [0, 1]), false).Mask);
    }

    [Fact]
    public void ABadIdIsNamedInOneLine()
    {
        var model = TextModel();
        var inputs = new Dataset([1, 2, 3, 4, 5, 6, 57, 8], featureCount: 4);

        var error = Assert.Throws<ArgumentException>(() => model.Predict(inputs));

        Assert.Equal("layer embedding: token id 57 at [1, 2] is outside the vocabulary of 50", error.Message);
    }

    [Theory]
    [InlineData(0, 4, "expected a positive vocabulary size, received 0")]
    [InlineData(4, -1, "expected a positive embedding size, received -1")]
    public void BadSizesAreRefused(int inputDim, int outputDim, string message)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(inputDim, outputDim));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void ConfigRoundTripsThroughTheFactory()
    {
        var layer = new Embedding(1000, 16, maskZero: true, Initializer.GlorotUniform);
        JsonObject config = layer.GetConfig();

        Assert.Equal("""{"type":"Embedding","input_dim":1000,"output_dim":16,"embeddings_initializer":"glorot_uniform","mask_zero":true}""", config.ToJsonString());
        var copy = Assert.IsType<Embedding>(LayerFactory.FromConfig(config, "layers[0]"));
        Assert.Equal(config.ToJsonString(), copy.GetConfig().ToJsonString());
        var defaults = Assert.IsType<Embedding>(LayerFactory.FromConfig(JsonNode.Parse("""{"type":"Embedding","input_dim":5,"output_dim":2}""")!.AsObject(), "x"));
        Assert.False(defaults.MaskZero);
        Assert.Equal(Initializer.Uniform, defaults.EmbeddingsInitializer);
    }

    [Fact]
    public void DescribedInAYamlModelFile()
    {
        const string yaml = """
            name: tokens
            loss: mse
            encoder:
              - Embedding: {input_dim: 50, output_dim: 8, mask_zero: true}
              - Flatten: {}
              - Dense: {units: 3}
            decoder:
              - Dense: {units: 4}
            """;
        var file = YamlModelFile.Parse(yaml, "tokens.yaml");
        file.Build(new Shape(4), seed: 1);

        var embedding = Assert.IsType<Embedding>(file.Model.Encoder[0]);
        Assert.True(embedding.MaskZero);
        Assert.Equal(400 + 32 * 3 + 3 + 3 * 4 + 4, file.Model.Parameters.TotalCount);
    }

    [Fact]
    public void SavedAndLoadedThroughAModelFile()
    {
        var model = TextModel();
        model.Compile(new Adam(0.01f), Loss.SparseCategoricalCrossEntropy);
        string path = folder.File("text.safetensors");

        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);

        var copy = Assert.IsType<Sequential>(loaded.Model);
        Assert.Equal(ModelArchitecture.ToJson(model).ToJsonString(), ModelArchitecture.ToJson(copy).ToJsonString());
        Assert.Equal(model.Parameters.Snapshot(), copy.Parameters.Snapshot());
        Assert.Equal("sparse_categorical_crossentropy", loaded.Loss?.Name);
        var inputs = new Dataset([1, 2, 3, 4, 49, 0, 0, 7], featureCount: 4);
        Assert.Equal(model.Predict(inputs), copy.Predict(inputs));
    }
}
