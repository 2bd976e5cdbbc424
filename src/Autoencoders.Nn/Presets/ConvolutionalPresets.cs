using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;

namespace Autoencoders.Nn.Presets;

/// <summary>The convolutional presets, for square one-channel images (784 values = 28 × 28) whose side divides by 4.</summary>
internal static class ConvolutionalPresets
{
    /// <summary>torch_reference.py's conv, layer for layer, with PyTorch's initialisation: Conv(1→32, 3, same)+ReLU+MaxPool2,
    /// Conv(32→32)+ReLU+MaxPool2 / ConvT(32→32, 3, s2)+ReLU ×2, Conv(32→1, 3, same)+sigmoid.</summary>
    public static Autoencoder Conv(int inputSize)
    {
        int side = ImageSide(inputSize, "conv");
        var torch = Initializer.TorchDefault;
        Conv2D Convolution(int filters, Activation activation) => new(filters, 3, 1, Padding.Same, activation, true, torch, torch);
        Conv2DTranspose Upsampling() => new(32, 3, 2, Padding.Same, null, Activation.Relu, true, torch, torch);
        return new Autoencoder(
            [new Reshape(1, side, side), Convolution(32, Activation.Relu), new MaxPooling2D(2), Convolution(32, Activation.Relu), new MaxPooling2D(2)],
            [Upsampling(), Upsampling(), Convolution(1, Activation.Sigmoid), new Flatten()]) { Name = "conv" };
    }

    /// <summary>The seeds' convolutional project: Conv 64; Conv 128 + BN + ReLU + MaxPool; Conv 256 + BN + ReLU + MaxPool;
    /// Conv 1 → 7×7; Flatten; Dropout; Dense 49 (the code) / Dense 49; Dense 784; Reshape 28×28; Conv 64; Conv 1 (sigmoid).
    /// 3×3 kernels with "same" padding throughout; Keras's initialisers.</summary>
    public static Autoencoder ConvDeep(int inputSize, int codeSize)
    {
        int side = ImageSide(inputSize, "conv-deep"), quarter = side / 4;
        Conv2D Convolution(int filters, Activation? activation = null) => new(filters, 3, 1, Padding.Same, activation);
        return new Autoencoder(
            [
                new Reshape(1, side, side), Convolution(64, Activation.Relu),
                Convolution(128), new BatchNormalization(), new ActivationLayer(Activation.Relu), new MaxPooling2D(2),
                Convolution(256), new BatchNormalization(), new ActivationLayer(Activation.Relu), new MaxPooling2D(2),
                Convolution(1, Activation.Relu), new Flatten(), new Dropout(0.25f), new Dense(codeSize, Activation.Relu),
            ],
            [
                new Dense(quarter * quarter, Activation.Relu), new Dense(side * side, Activation.Relu), new Reshape(1, side, side),
                Convolution(64, Activation.Relu), Convolution(1, Activation.Sigmoid), new Flatten(),
            ]) { Name = "conv-deep" };
    }

    private static int ImageSide(int inputSize, string preset)
    {
        int side = (int)Math.Round(Math.Sqrt(inputSize));
        if (side * side != inputSize || side % 4 != 0)
            throw new ArgumentException($"the {preset} preset needs square one-channel images whose side divides by 4 (784 = 28 × 28), received {inputSize} values per sample");
        return side;
    }
}
