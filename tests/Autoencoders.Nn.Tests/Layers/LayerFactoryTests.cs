using System.Text.Json.Nodes;
using Autoencoders.Nn.Layers;

namespace Autoencoders.Nn.Tests.Layers;

/// <summary>Layer configurations come from files: every mistake is a FormatException that says where it is.</summary>
public sealed class LayerFactoryTests
{
    private static string Error(string json) =>
        Assert.Throws<FormatException>(() => LayerFactory.FromConfig(JsonNode.Parse(json)!.AsObject(), "encoder[1]")).Message;

    [Fact]
    public void ConfigOfEveryLayerBuildsTheSameLayer()
    {
        Layer[] layers =
        [
            new Dense(7, Activation.Softmax, useBias: false, Initializer.GlorotNormal, Initializer.HeUniform),
            new Dense(3),
            new ActivationLayer(Activation.Sigmoid),
        ];

        foreach (var layer in layers)
        {
            var copy = LayerFactory.FromConfig(layer.GetConfig(), "layers[0]");
            Assert.Equal(layer.GetType(), copy.GetType());
            Assert.Equal(layer.GetConfig().ToJsonString(), copy.GetConfig().ToJsonString());
        }
    }

    [Fact]
    public void DenseDefaultsAreKerasDefaults()
    {
        var dense = Assert.IsType<Dense>(LayerFactory.FromConfig(new JsonObject { ["type"] = "Dense", ["units"] = 5 }, "layers[0]"));

        Assert.Equal(Activation.Linear, dense.Activation);
        Assert.True(dense.UseBias);
        Assert.Equal(Initializer.GlorotUniform, dense.KernelInitializer);
        Assert.Equal(Initializer.Zeros, dense.BiasInitializer);
    }

    [Fact]
    public void UnknownTypeListsTheKnownOnes() =>
        Assert.StartsWith("encoder[1]: unknown layer type \"Conv3D\", expected one of Dense, Activation, Conv2D, Conv2DTranspose, MaxPooling2D", Error("""{"type": "Conv3D"}"""));

    [Fact]
    public void MissingType() => Assert.Equal("encoder[1]: missing \"type\"", Error("""{"units": 3}"""));

    [Fact]
    public void TypeThatIsNotAString() => Assert.StartsWith("encoder[1]: \"type\" must be a string, received 3", Error("""{"type": 3}"""));

    [Fact]
    public void DenseWithoutUnits() => Assert.Equal("encoder[1]: Dense needs \"units\"", Error("""{"type": "Dense"}"""));

    [Theory]
    [InlineData("\"32\"")]
    [InlineData("2.5")]
    [InlineData("[4]")]
    public void UnitsThatAreNotAnInteger(string units) =>
        Assert.Equal($"encoder[1]: \"units\" must be an integer, received {units}", Error($$"""{"type": "Dense", "units": {{units}}}"""));

    [Fact]
    public void ZeroUnits()
    {
        string message = Error("""{"type": "Dense", "units": 0}""");

        Assert.StartsWith("encoder[1]: expected a positive number of units, received 0", message);
    }

    [Fact]
    public void UnknownActivation()
    {
        string message = Error("""{"type": "Dense", "units": 4, "activation": "swish"}""");

        Assert.StartsWith("encoder[1]: unknown activation \"swish\", expected one of linear, relu", message);
    }

    [Fact]
    public void UnknownInitializer() =>
        Assert.StartsWith("encoder[1]: unknown initializer \"twos\"", Error("""{"type": "Dense", "units": 4, "kernel_initializer": "twos"}"""));

    [Fact]
    public void UseBiasThatIsNotABoolean() =>
        Assert.Equal("encoder[1]: \"use_bias\" must be true or false, received \"yes\"", Error("""{"type": "Dense", "units": 4, "use_bias": "yes"}"""));

    [Fact]
    public void ActivationLayerWithoutActivation() =>
        Assert.Equal("encoder[1]: Activation needs \"activation\"", Error("""{"type": "Activation"}"""));
}
