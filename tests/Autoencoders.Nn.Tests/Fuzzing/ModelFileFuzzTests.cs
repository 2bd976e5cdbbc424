using System.Buffers.Binary;
using Autoencoders.Data.Tests;
using Autoencoders.Data.Tests.Fuzzing;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Serialization;
using Autoencoders.Tensors;
using Xunit.Abstractions;

namespace Autoencoders.Nn.Tests.Fuzzing;

/// <summary>Damaged safetensors model files end in a model or a one-line <see cref="InvalidDataException"/>, and an
/// architecture cannot make a small file allocate more weights than it holds.</summary>
public sealed class ModelFileFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private byte[] ValidFile()
    {
        var model = new Autoencoder(
            [new Dense(3, Activation.Relu, activityRegularizer: new Regularizers.L1L2Regularizer(l1: 1e-4f, l2: 0f))],
            [new Dense(6, Activation.Sigmoid)]);
        model.Build(new Shape(6), seed: 3);
        model.Compile(new Adam(), Loss.BinaryCrossEntropy);
        string path = folder.File("valid.safetensors");
        ModelFile.Save(model, path);
        return File.ReadAllBytes(path);
    }

    [Fact]
    public void DamagedModelFilesAreLoadedOrRefused()
    {
        byte[] valid = ValidFile();
        var outcome = new LoaderFuzzer
        {
            ValidFile = valid,
            Path = folder.File("model.safetensors"),
            // The header length; the JSON's shapes, data_offsets and layer sizes are reached as decimal text.
            SizeFields = [new("header length", 0, 8, BigEndian: false)],
            Load = path => ModelFile.Load(path),
            Cases = 5_000,
        }.Run();

        output.WriteLine($"safetensors model file ({valid.Length} bytes): {outcome}");
        Assert.Equal(5_000, outcome.Cases); // with the test below, 10,000 for the format
        Assert.True(outcome.Loaded > 0 && outcome.Refused > 0);
    }

    /// <summary>
    /// Damage to the JSON header alone, framed again with its true length: a changed shape, data offset or layer
    /// size then reaches the checks behind the framing (layout, architecture, weights) instead of breaking the
    /// length prefix, which any change of the JSON's length would do in the test above.
    /// </summary>
    [Fact]
    public void ModelFilesWithADamagedHeaderAreLoadedOrRefused()
    {
        byte[] valid = ValidFile();
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(valid);
        byte[] header = valid[8..(8 + headerLength)], data = valid[(8 + headerLength)..];
        var outcome = new LoaderFuzzer
        {
            ValidFile = header,
            Encode = json => [.. BitConverter.GetBytes((ulong)json.Length), .. json, .. data],
            Path = folder.File("model.safetensors"),
            Load = path => ModelFile.Load(path),
            Cases = 5_000,
        }.Run();

        output.WriteLine($"safetensors model file, damaged header framed again: {outcome}");
        Assert.Equal(5_000, outcome.Cases);
        Assert.True(outcome.Loaded > 0 && outcome.Refused > 0);
    }
}
