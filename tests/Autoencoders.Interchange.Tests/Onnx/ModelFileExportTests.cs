using Autoencoders.Interchange.Onnx;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Serialization;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;
using Xunit.Abstractions;

namespace Autoencoders.Interchange.Tests.Onnx;

/// <summary>Architectures described in YAML (docs/model-files.md) export too, each part agreeing with ONNX Runtime.</summary>
public sealed class ModelFileExportTests(ITestOutputHelper log)
{
    /// <summary>The example of docs/model-files.md.</summary>
    private const string DocumentedExample = """
        name: small-conv
        loss: bce
        encoder:
          - Reshape: {target_shape: [1, 28, 28]}
          - Conv2D: {filters: 16, kernel_size: 3, padding: same, activation: relu}
          - MaxPooling2D: {pool_size: 2}
          - Conv2D: {filters: 8, kernel_size: 3, padding: same, activation: relu}
          - MaxPooling2D: {}
          - Flatten: {}
          - Dense: {units: 32, activation: relu, activity_regularizer: {type: l1, l1: 0.0001}}
        decoder:
          - Dense: {units: 392, activation: relu}
          - Reshape: {target_shape: [8, 7, 7]}
          - Conv2DTranspose: {filters: 8, kernel_size: 3, strides: 2, padding: same, activation: relu}
          - Conv2DTranspose: {filters: 16, kernel_size: 3, strides: 2, padding: same, activation: relu}
          - Conv2D: {filters: 1, kernel_size: 3, padding: same, activation: sigmoid}
          - Flatten: {}
        """;

    /// <summary>The layers and activations no preset uses: explicit padding and strides, upsampling, batch
    /// normalisation of features, masking and salt-and-pepper noise, tanh, leaky ReLU, softplus, softmax.</summary>
    private const string EveryOtherLayer = """
        name: every-other-layer
        loss: mse
        encoder:
          - MaskingNoise: {rate: 0.2}
          - SaltAndPepperNoise: {rate: 0.1}
          - Reshape: {target_shape: [1, 28, -1]}
          - Conv2D: {filters: 6, kernel_size: 4, strides: 2, padding: 1, activation: leaky_relu}
          - MaxPooling2D: {pool_size: 3, strides: 2}
          - Activation: {activation: tanh}
          - Dense: {units: 24, activation: softplus}
          - BatchNormalization: {}
          - Dropout: {rate: 0.5}
          - Dense: {units: 12, use_bias: false}
        decoder:
          - Dense: {units: 49, activation: tanh}
          - Reshape: {target_shape: [1, 7, 7]}
          - UpSampling2D: {size: 2}
          - Conv2DTranspose: {filters: 3, kernel_size: 4, strides: 2, padding: 1, activation: softmax}
          - Conv2D: {filters: 1, kernel_size: 3, padding: same, activation: sigmoid, use_bias: false}
          - Flatten: {}
        """;

    [Theory]
    [InlineData("small-conv")]
    [InlineData("every-other-layer")]
    public void EveryPartAgreesWithOnnxRuntime(string name)
    {
        var file = YamlModelFile.Parse(name == "small-conv" ? DocumentedExample : EveryOtherLayer, name + ".yaml");
        file.Build(new Shape(ExportSamples.Features), seed: 1);
        var model = file.Model;
        model.Compile(new Adam(1e-3f), file.Loss ?? Loss.MeanSquaredError);
        model.Fit(ExportSamples.Train.Slice(0, 128), new FitOptions { Epochs = 1, BatchSize = 32, Seed = 1 });
        TrainedPresets.SpreadBatchNormalization(model);

        foreach (var part in Enum.GetValues<OnnxPart>())
        {
            var (_, scaled) = AgreementCheck.Run(model, part, $"{name}.{OnnxNames.Of(part)}", log);
            Assert.True(scaled <= OnnxRuntimeAgreementTests.Tolerance, $"{name} {part}: {scaled:E3}");
        }
    }
}
