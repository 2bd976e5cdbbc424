using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;

namespace Autoencoders.Nn.Presets;

/// <summary>
/// The presets of <c>ae timeseries</c>, for z-scored windows (T, C) of T·C values, channels last: linear outputs (the
/// values are not in [0, 1]) and mean squared error, as the Keras time-series anomaly example trains.
/// </summary>
public static class TimeSeriesPresets
{
    public static IEnumerable<string> Names => ["ts-conv", "ts-lstm", "ts-vae"];

    public static string Describe(string name) => name switch
    {
        "ts-conv" => "the Keras time-series anomaly example: Conv1D 32-16 (k 7, s 2, same, ReLU, dropout 0.2) / Conv1DTranspose 16-32-C; 9,505 parameters for one channel; windows divisible by 4",
        "ts-lstm" => "LSTM N (the code, N = 64) → RepeatVector T → LSTM 64 returning every step → TimeDistributed Dense C",
        "ts-vae" => "a VAE over windows: Dense 128 → (μ, log σ² N, N = 8) → Dense 128 → Dense T·C; squared error summed + KL, for ae timeseries generate",
        _ => throw new ArgumentException($"unknown time-series model \"{name}\", expected one of {string.Join(", ", Names)}"),
    };

    /// <summary>The preset for windows of <paramref name="inputSize"/> = T·C values, its loss and batch size.</summary>
    public static (Autoencoder Model, Loss Loss, int BatchSize) Create(string name, int inputSize, int channels = 1, int? codeSize = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        if (inputSize % channels != 0)
            throw new ArgumentException($"expected windows of whole steps of {channels} channels, received {inputSize} values");
        int steps = inputSize / channels;
        return name switch
        {
            "ts-conv" => (Named(SequencePresets.Conv1D(inputSize, channels), name), Loss.MeanSquaredError, 128),
            "ts-lstm" => (Lstm(steps, channels, codeSize ?? 64), Loss.MeanSquaredError, 128),
            "ts-vae" => (Variational(inputSize, codeSize ?? 8), Loss.SquaredErrorSum, 128),
            _ => throw new ArgumentException(Describe(name)),
        };
    }

    /// <summary>LSTM → RepeatVector → LSTM(return sequences) → TimeDistributed(Dense): the last state of the first LSTM is the code.</summary>
    public static Autoencoder Lstm(int steps, int channels, int codeSize) => new(
        [new Reshape(steps, channels), new Lstm(codeSize)],
        [new RepeatVector(steps), new Lstm(64, returnSequences: true), new TimeDistributed(new Dense(channels, Activation.Linear)), new Flatten()])
    { Name = "ts-lstm" };

    /// <summary>A dense VAE over whole windows, decoded linearly: N(0, I) draws decode into new z-scored windows.</summary>
    public static Autoencoder Variational(int inputSize, int codeSize) =>
        ModelPresets.Variational(inputSize, codeSize, hidden: 128, output: Activation.Linear, name: "ts-vae");

    private static Autoencoder Named(Autoencoder model, string name)
    {
        model.Name = name;
        return model;
    }
}
