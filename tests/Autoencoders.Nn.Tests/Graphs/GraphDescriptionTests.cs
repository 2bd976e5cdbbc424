using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Graphs;

/// <summary>Graphs written in model files and YAML files: named entries with inputs, and the errors that name the entry.</summary>
public sealed class GraphDescriptionTests
{
    private static Model Read(string layers, string inputs = """[{"name": "x", "shape": [4]}]""", string outputs = """["out"]""")
    {
        string json = $$"""{"class": "Functional", "name": "g", "input_shape": [4], "inputs": {{inputs}}, "layers": {{layers}}, "outputs": {{outputs}}}""";
        var (model, shape) = ModelArchitecture.FromJson(ModelArchitecture.Parse(json));
        model.Build(shape);
        return model;
    }

    [Fact]
    public void EntriesMayComeInAnyOrderThatHasNoCycle()
    {
        var model = Read("""
            [{"type": "Add", "name": "out", "inputs": ["a", "x"]},
             {"type": "Dense", "units": 4, "name": "a", "inputs": "x"}]
            """);
        Assert.Equal(new Shape(4), model.OutputShape);
        Assert.Equal(20, model.Parameters.TotalCount);
    }

    [Fact]
    public void AnUnknownInputNamesTheEntryAndTheName()
    {
        var error = Assert.Throws<FormatException>(() => Read("""[{"type": "Dense", "units": 4, "name": "out", "inputs": "missing"}]"""));
        Assert.Equal("layers[0] out: unknown input \"missing\", expected one of x, out", error.Message);
    }

    [Fact]
    public void ACycleNamesTheEntriesOnIt()
    {
        var error = Assert.Throws<FormatException>(() => Read("""
            [{"type": "Dense", "units": 4, "name": "a", "inputs": "out"},
             {"type": "Add", "name": "out", "inputs": ["a", "b"]},
             {"type": "Dense", "units": 4, "name": "b", "inputs": "x"}]
            """));
        Assert.Equal("layers[0] a: its inputs form a cycle: a → out → a", error.Message);
    }

    [Fact]
    public void AShapeMismatchAtAMergeNamesTheNode()
    {
        var error = Assert.Throws<ArgumentException>(() => Read("""
            [{"type": "Dense", "units": 3, "name": "a", "inputs": "x"},
             {"type": "Add", "name": "out", "inputs": ["a", "x"]}]
            """));
        Assert.Equal("g[1] out (Add) on a, x: Add expected inputs of one shape, received (3) and (4)", error.Message);
    }

    [Fact]
    public void ADuplicateNameIsRefused()
    {
        var error = Assert.Throws<FormatException>(() => Read("""
            [{"type": "Dense", "units": 4, "name": "out", "inputs": "x"},
             {"type": "Dense", "units": 4, "name": "out"}]
            """));
        Assert.Equal("layers[1]: the name \"out\" is taken by layers[0]", error.Message);
    }

    [Fact]
    public void AYamlEncoderMayBeAGraph()
    {
        const string yaml = """
            loss: mse
            encoder:
              - Dense: {name: wide, units: 8, activation: relu}
              - Dense: {name: narrow, units: 8, activation: relu}
              - Add: {name: joined, inputs: [wide, narrow]}
              - Dense: {units: 2}
            decoder:
              - Dense: {units: 6}
            """;
        var file = YamlModelFile.Parse(yaml, "graph.yaml");
        file.Build(new Shape(6), seed: 1);
        Assert.False(file.Model.IsStack);
        Assert.Equal(2, file.Model.CodeSize);
        Assert.Contains("encoder/joined (Add)", file.Model.Summary());
    }

    [Fact]
    public void AYamlGraphErrorPointsAtTheItem()
    {
        const string yaml = """
            encoder:
              - Dense: {name: wide, units: 8}
              - Add: {name: joined, inputs: [wide, nowhere]}
            decoder:
              - Dense: {units: 6}
            """;
        var error = Assert.Throws<FormatException>(() => YamlModelFile.Parse(yaml, "graph.yaml"));
        Assert.Equal("graph.yaml:3:5: encoder[1] joined: unknown input \"nowhere\", expected one of input, wide, joined", error.Message);
    }
}
