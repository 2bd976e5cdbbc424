using Autoencoders.Data.Tests;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Serialization;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Serialization;

/// <summary>A model file cut anywhere is reported as bad data, one line, naming the file.</summary>
public sealed class ModelFileTruncationTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void FileCutAtEveryByteOffsetFailsWithAOneLineMessageNamingIt()
    {
        var model = new Autoencoder([new Dense(4, Activation.Relu)], [new Dense(8, Activation.Sigmoid)]);
        model.Build(new Shape(8), seed: 2);
        model.Compile(new Adam(), Loss.BinaryCrossEntropy);
        string original = folder.File("model.safetensors");
        ModelFile.Save(model, original);
        byte[] bytes = File.ReadAllBytes(original);
        string cut = folder.File("cut.safetensors");

        var failures = new List<string>();
        for (int length = 0; length < bytes.Length; length++)
        {
            File.WriteAllBytes(cut, bytes[..length]);
            try
            {
                ModelFile.Load(cut);
                failures.Add($"{length}: loaded without error");
            }
            catch (InvalidDataException error)
            {
                if (!error.Message.StartsWith(cut + ": ", StringComparison.Ordinal) || error.Message.Contains('\n') || error.Message.Contains('\r'))
                    failures.Add($"{length}: {error.Message}");
            }
            catch (Exception error)
            {
                failures.Add($"{length}: {error.GetType().Name}: {error.Message}");
            }
        }

        Assert.True(bytes.Length > 300, $"the file is only {bytes.Length} bytes");
        Assert.Empty(failures);
        Assert.Equal(model.Parameters.Snapshot(), ModelFile.Load(original).Model.Parameters.Snapshot());
    }
}
