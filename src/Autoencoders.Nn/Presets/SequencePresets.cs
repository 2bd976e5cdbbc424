using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;

namespace Autoencoders.Nn.Presets;

/// <summary>The sequence presets, for windows of one channel (T values, T divisible by 4).</summary>
internal static class SequencePresets
{
    /// <summary>torch_reference.py's conv1d, layer for layer, with PyTorch's initialisation: the Keras time-series anomaly
    /// example's autoencoder, Conv1D(32, 7, s2)+ReLU, Dropout 0.2, Conv1D(16, 7, s2)+ReLU / Conv1DTranspose(16, 7, s2)+ReLU,
    /// Dropout 0.2, Conv1DTranspose(32, 7, s2)+ReLU, Conv1DTranspose(1, 7), "same" throughout (PyTorch's padding 3 and,
    /// at stride 2, output padding 1). 9,505 parameters on 288-step windows of one channel. With <paramref name="channels"/> C,
    /// samples are windows (T, C) of T·C values and the last layer gives back C channels.</summary>
    public static Autoencoder Conv1D(int inputSize, int channels = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        if (inputSize % (4 * channels) != 0)
            throw new ArgumentException($"the conv1d preset needs windows whose length divides by 4 (288), received {inputSize} values per sample for {channels} channel(s)");
        int steps = inputSize / channels;
        var torch = Initializer.TorchDefault;
        Layers.Conv1D Convolution(int filters) => new(filters, 7, 2, Padding.Same, Activation.Relu, true, torch, torch);
        Conv1DTranspose Transposed(int filters, int strides, Activation activation) =>
            new(filters, 7, strides, Padding.Same, null, activation, true, torch, torch);
        return new Autoencoder(
            [new Reshape(steps, channels), Convolution(32), new Dropout(0.2f), Convolution(16)],
            [Transposed(16, 2, Activation.Relu), new Dropout(0.2f), Transposed(32, 2, Activation.Relu), Transposed(channels, 1, Activation.Linear), new Flatten()])
        { Name = "conv1d" };
    }
}
