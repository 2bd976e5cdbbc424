using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;

namespace Autoencoders.Nn.Presets;

/// <summary>The recurrent presets, for square one-channel images read row by row as sequences (784 values = 28 steps of 28).</summary>
internal static class RecurrentPresets
{
    /// <summary>
    /// torch_reference.py's lstm: each image as 28 steps of 28 pixels; LSTM(28 → 64) whose last state is the code,
    /// RepeatVector(28), LSTM(64 → 64) returning every step, TimeDistributed(Dense(28, sigmoid)), flattened back to 784.
    /// Keras's initialisers (Glorot, orthogonal, forget bias 1). Parameters: 58,652 as Keras counts them; PyTorch's nn.LSTM
    /// holds a second, redundant bias per layer (b_hh beside b_ih, 4·64 each), so its count for the same network is
    /// 58,652 + 2·256 = 59,164.
    /// </summary>
    public static Autoencoder Lstm(int inputSize, int codeSize)
    {
        int side = (int)Math.Round(Math.Sqrt(inputSize));
        if (side * side != inputSize)
            throw new ArgumentException($"the lstm preset reads square images row by row (784 = 28 steps of 28 pixels), received {inputSize} values per sample");
        return new Autoencoder(
            [new Reshape(side, side), new Lstm(codeSize)],
            [new RepeatVector(side), new Lstm(64, returnSequences: true), new TimeDistributed(new Dense(side, Activation.Sigmoid)), new Flatten()])
        { Name = "lstm" };
    }
}
