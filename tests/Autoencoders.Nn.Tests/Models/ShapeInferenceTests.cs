using System.Text.Json.Nodes;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Tests.Models;

/// <summary>Shapes are inferred at Build; a layer that cannot take its input fails there, by name.</summary>
public sealed class ShapeInferenceTests
{
    [Fact]
    public void OutputShapesFollowTheLayers()
    {
        var model = new Autoencoder([new Dense(8), new Dense(3)], [new Dense(8), new Dense(20)]);

        model.Build(new Shape(20));

        Assert.Equal(new Shape(3), model.CodeShape);
        Assert.Equal(new Shape(20), model.OutputShape);
        Assert.Equal(new Shape(8), model.Decoder[0].OutputShape);
    }

    [Fact]
    public void LayerThatCannotTakeItsInputIsNamed()
    {
        var model = new Sequential(new Dense(4), new Dense(2));

        var error = Assert.Throws<ArgumentException>(() => model.Build(new Shape(0)));

        Assert.Contains("[0]", error.Message);
        Assert.Contains("dense", error.Message);
        Assert.Contains("(Dense)", error.Message);
        Assert.Contains("at least one feature", error.Message);
    }

    [Fact]
    public void DecoderLayerThatCannotTakeTheCodeIsNamedByItsPosition()
    {
        var model = new Autoencoder([new Dense(8), new Dense(3)], [new Dense(8), new FixedWidthLayer(5)]);

        var error = Assert.Throws<ArgumentException>(() => model.Build(new Shape(20)));

        Assert.StartsWith("decoder[1] fixed_width (FixedWidth): ", error.Message);
        Assert.Contains("expected 5 features, received 8", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void DenseNeedsAPositiveNumberOfUnits(int units)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Dense(units));

        Assert.Contains($"received {units}", error.Message);
    }

    [Fact]
    public void RebuildingForAnotherInputSizeFails()
    {
        var model = new Sequential(new Dense(4));
        model.Build(new Shape(10));

        var error = Assert.Throws<ArgumentException>(() => model.Build(new Shape(11)));

        Assert.Contains("(10)", error.Message);
        Assert.Contains("(11)", error.Message);
    }
}

/// <summary>A parameterless layer that only accepts inputs of one width, to provoke shape errors anywhere in a stack.</summary>
internal sealed class FixedWidthLayer(int width) : Layer
{
    public override string TypeName => "FixedWidth";

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape.ElementCount == width
        ? inputShape
        : throw new ArgumentException($"expected {width} features, received {inputShape.ElementCount}");

    public override Tensor Forward(Graph graph, Tensor x, bool training) => x;

    public override JsonObject GetConfig() => Config();
}
