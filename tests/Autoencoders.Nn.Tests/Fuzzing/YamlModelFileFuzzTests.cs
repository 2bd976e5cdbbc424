using Autoencoders.Data.Tests;
using Autoencoders.Data.Tests.Fuzzing;
using Autoencoders.Nn.Serialization;
using Xunit.Abstractions;

namespace Autoencoders.Nn.Tests.Fuzzing;

/// <summary>Damaged YAML model files end in a model or in the format's documented error, a one-line
/// <see cref="FormatException"/> starting with the path (the command line's exit 2, as for data files).</summary>
public sealed class YamlModelFileFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    // An anchor and an alias, so that damage reaches alias resolution too.
    private static byte[] Valid => System.Text.Encoding.UTF8.GetBytes("""
        name: fuzzed
        loss: bce
        encoder:
          - Reshape: {target_shape: [1, 8, 8]}
          - Conv2D: {filters: 2, kernel_size: 3, padding: same, activation: &act relu}
          - MaxPooling2D: {}
          - Flatten
          - {type: Dense, units: 4, activation: relu, activity_regularizer: {type: l1, l1: 0.0001}}
          - Dropout: {rate: 0.25}
        decoder:
          - Dense: {units: 16, activation: *act }
          - Dense:
              units: 64
              activation: sigmoid
        """);

    [Fact]
    public void DamagedYamlFilesAreParsedOrRefused()
    {
        var outcome = new LoaderFuzzer
        {
            ValidFile = Valid,
            Path = folder.File("model.yaml"),
            Load = path => YamlModelFile.Load(path),
            ErrorType = typeof(FormatException),
        }.Run();

        output.WriteLine($"YAML model file: {outcome}");
        Assert.Equal(10_000, outcome.Cases);
        Assert.True(outcome.Loaded > 0 && outcome.Refused > 0);
    }
}
