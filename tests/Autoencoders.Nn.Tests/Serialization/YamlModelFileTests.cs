using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Serialization;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Serialization;

/// <summary>Model descriptions in YAML and JSON, and their one-line errors that point into the file.</summary>
public sealed class YamlModelFileTests
{
    private const string Valid = """
        name: small
        loss: bce
        encoder:
          - Dense: {units: 64, activation: relu}
          - {type: Dense, units: 32, activation: relu, activity_regularizer: {type: l1, l1: 0.0001}}
        decoder:
          - Dense: {units: 64, activation: relu}
          - Dense:
              units: 784
              activation: sigmoid
        """;

    [Fact]
    public void AValidFileBuildsTheModelItDescribes()
    {
        var file = YamlModelFile.Parse(Valid, "small.yaml");
        file.Build(new Shape(784), seed: 1);
        // (784·64 + 64) + (64·32 + 32) + (32·64 + 64) + (64·784 + 784) = 50,240 + 2,080 + 2,112 + 50,960 = 105,392
        Assert.Equal(105_392, file.Model.Parameters.TotalCount);
        Assert.Equal(("small", "bce"), (file.Model.Name, file.Loss!.Name));
        var code = Assert.IsType<Dense>(file.Model.Encoder[1]);
        Assert.Equal(1e-4f, Assert.IsType<Regularizers.L1L2Regularizer>(code.ActivityRegularizer).L1);
    }

    [Fact]
    public void JsonDescribesTheSameModel()
    {
        const string json = """
            {"name": "small", "loss": "bce",
             "encoder": [{"Dense": {"units": 64, "activation": "relu"}}, {"type": "Dense", "units": 32, "activation": "relu", "activity_regularizer": {"type": "l1", "l1": 0.0001}}],
             "decoder": [{"Dense": {"units": 64, "activation": "relu"}}, {"Dense": {"units": 784, "activation": "sigmoid"}}]}
            """;
        var fromYaml = YamlModelFile.Parse(Valid, "a.yaml");
        var fromJson = YamlModelFile.Parse(json, "a.json");
        fromYaml.Build(new Shape(784), 1);
        fromJson.Build(new Shape(784), 1);
        Assert.Equal(ModelArchitecture.ToJson(fromYaml.Model).ToJsonString(), ModelArchitecture.ToJson(fromJson.Model).ToJsonString());
    }

    [Fact]
    public void ScalarsKeepTheirTypes()
    {
        var file = YamlModelFile.Parse("""
            encoder:
              - GaussianNoise: {stddev: 0.5, clip_min: 0, clip_max: 1}
              - Dense: {units: 8, use_bias: false}
            decoder:
              - Reshape: {target_shape: [2, 2, 2]}
            """, "types.yaml");
        var noise = Assert.IsType<GaussianNoise>(file.Model.Encoder[0]);
        Assert.Equal((0.5f, 0f, 1f), (noise.Stddev, noise.ClipMinimum!.Value, noise.ClipMaximum!.Value));
        Assert.False(Assert.IsType<Dense>(file.Model.Encoder[1]).UseBias);
        Assert.Equal([2, 2, 2], Assert.IsType<Reshape>(file.Model.Decoder[0]).TargetShape);
        Assert.Null(file.Loss);
    }

    [Theory]
    [InlineData("encoder: [Dense: {units: 4}\ndecoder: []", "bad.yaml:", "malformed YAML")]
    [InlineData("", "bad.yaml: expected a mapping", "the file is empty")]
    [InlineData("- Dense: {units: 4}", "bad.yaml: expected a mapping", "something else")]
    [InlineData("encodr:\n  - Dense: {units: 4}", "bad.yaml:1:1: unknown key \"encodr\"", "expected one of name, loss, encoder, decoder")]
    [InlineData("encoder:\n  - Dense: {units: 4}", "bad.yaml: missing \"decoder\"", "non-empty list of layers")]
    [InlineData("encoder:\n  - Dense: {units: 4}\ndecoder:\n  - Dnse: {units: 4}", "bad.yaml:4:5: decoder[0]: unknown layer type \"Dnse\"", "expected one of Dense, Activation")]
    [InlineData("encoder:\n  - Dense: {units: four}\ndecoder:\n  - Dense: {units: 4}", "bad.yaml:2:5: encoder[0]: \"units\" must be an integer", "received \"four\"")]
    [InlineData("encoder:\n  - Dense: {units: 4}\n    Dropout: {rate: 0.1}\ndecoder:\n  - Dense: {units: 4}", "bad.yaml:2:5: encoder[0]: expected one layer per item", "Dense, Dropout")]
    [InlineData("encoder:\n  - [Dense]\ndecoder:\n  - Dense: {units: 4}", "bad.yaml:2:5: encoder[0]: expected a layer as a mapping", "received a list")]
    [InlineData("loss: hinge\nencoder:\n  - Dense: {units: 4}\ndecoder:\n  - Dense: {units: 4}", "bad.yaml:1:7: unknown loss \"hinge\"", "mse, bce")]
    public void ErrorsSayWhereAndWhat(string yaml, string start, string contains)
    {
        var error = Assert.Throws<FormatException>(() => YamlModelFile.Parse(yaml, "bad.yaml"));
        Assert.StartsWith(start, error.Message);
        Assert.Contains(contains, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void ALayerThatDoesNotFitIsReportedAtItsLine()
    {
        var file = YamlModelFile.Parse("""
            encoder:
              - Dense: {units: 16}
              - Reshape: {target_shape: [1, 5, 5]}
            decoder:
              - Dense: {units: 784}
            """, "shape.yaml");
        var error = Assert.Throws<FormatException>(() => file.Build(new Shape(784), 1));
        Assert.StartsWith("shape.yaml:3:5: encoder[1] reshape (Reshape): cannot reshape (16) (16 values) to [1, 5, 5]", error.Message);
    }
}
