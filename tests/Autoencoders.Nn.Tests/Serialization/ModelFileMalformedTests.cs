using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Data.Tests;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Serialization;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Serialization;

/// <summary>Well-formed safetensors files that are not valid models: each fails with a clear one-line message naming the file.</summary>
public sealed class ModelFileMalformedTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly List<NamedTensor> tensors;
    private readonly Dictionary<string, string> metadata;

    public ModelFileMalformedTests()
    {
        var model = new Autoencoder([new Dense(4, Activation.Relu)], [new Dense(8, Activation.Sigmoid)]);
        model.Build(new Shape(8), seed: 2);
        model.Compile(new Adam(), Loss.BinaryCrossEntropy);
        string path = folder.File("valid.safetensors");
        ModelFile.Save(model, path);
        var contents = SafeTensorsFile.Read(path);
        tensors = [.. contents.Tensors];
        metadata = new Dictionary<string, string>(contents.Metadata);
    }

    public void Dispose() => folder.Dispose();

    /// <summary>Writes the (edited) tensors and metadata and returns Load's message, checked for the path and one line.</summary>
    private string LoadError()
    {
        string path = folder.File("edited.safetensors");
        SafeTensorsFile.Write(path, tensors, metadata);
        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.StartsWith(path + ": ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }

    private JsonObject Architecture => JsonNode.Parse(metadata["architecture"])!.AsObject();

    [Fact]
    public void UnchangedFileLoads()
    {
        string path = folder.File("edited.safetensors");
        SafeTensorsFile.Write(path, tensors, metadata);

        Assert.IsType<Autoencoder>(ModelFile.Load(path).Model);
    }

    [Fact]
    public void MetadataWithoutFormat()
    {
        metadata.Remove("format");

        Assert.Contains("not an autoencoders-net model", LoadError());
    }

    [Fact]
    public void ForeignFormat()
    {
        metadata["format"] = "pt";

        Assert.Contains("\"format\": \"autoencoders-net\"", LoadError());
    }

    [Fact]
    public void NoArchitecture()
    {
        metadata.Remove("architecture");

        Assert.Contains("no \"architecture\"", LoadError());
    }

    [Fact]
    public void ArchitectureThatIsNotJson()
    {
        metadata["architecture"] = "{\"class\": \"Autoencoder\",\n \"encoder\": [";

        Assert.Contains("the architecture is not valid JSON", LoadError());
    }

    [Fact]
    public void ArchitectureWithAnUnknownClass()
    {
        var architecture = Architecture;
        architecture["class"] = "Transformer";
        metadata["architecture"] = architecture.ToJsonString();

        Assert.Contains("unknown model class \"Transformer\"", LoadError());
    }

    [Fact]
    public void ArchitectureWithoutADecoder()
    {
        var architecture = Architecture;
        architecture.Remove("decoder");
        metadata["architecture"] = architecture.ToJsonString();

        Assert.Contains("\"decoder\" must be a non-empty list of layers", LoadError());
    }

    [Fact]
    public void ArchitectureWithABadInputShape()
    {
        var architecture = Architecture;
        architecture["input_shape"] = new JsonArray(-8);
        metadata["architecture"] = architecture.ToJsonString();

        Assert.Contains("input_shape[0] must be a positive integer", LoadError());
    }

    [Fact]
    public void UnknownLayerType()
    {
        var architecture = Architecture;
        architecture["decoder"]![0]!["type"] = "Conv3D";
        metadata["architecture"] = architecture.ToJsonString();

        string message = LoadError();

        Assert.Contains("decoder[0]: unknown layer type \"Conv3D\"", message);
        Assert.Contains("Dense", message);
    }

    [Fact]
    public void UnknownLoss()
    {
        metadata["loss"] = "hinge";

        Assert.Contains("unknown loss \"hinge\"", LoadError());
    }

    [Fact]
    public void TensorWithTheWrongShape()
    {
        int index = tensors.FindIndex(t => t.Name == "encoder.0.kernel");
        tensors[index] = new NamedTensor("encoder.0.kernel", [4, 8], tensors[index].Data);

        string message = LoadError();

        Assert.Contains("tensor \"encoder.0.kernel\" has shape [4, 8]", message);
        Assert.Contains("expects (8, 4)", message);
    }

    [Fact]
    public void MissingTensor()
    {
        tensors.RemoveAll(t => t.Name == "decoder.0.bias");

        Assert.Contains("tensor \"decoder.0.bias\" is missing", LoadError());
    }

    [Fact]
    public void ExtraTensor()
    {
        tensors.Add(new NamedTensor("decoder.1.kernel", [2], [1f, 2f]));

        Assert.Contains("tensor \"decoder.1.kernel\" does not belong to the architecture", LoadError());
    }

    [Fact]
    public void MissingFileIsNotFound()
    {
        string path = folder.File("absent.safetensors");

        var error = Assert.Throws<FileNotFoundException>(() => ModelFile.Load(path));

        Assert.StartsWith(path + ": ", error.Message);
    }
}
