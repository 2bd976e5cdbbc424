using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;

namespace Autoencoders.Nn.Presets;

/// <summary>
/// The named architectures of <c>ae train --model</c>, with the loss each is trained with; the same
/// networks as ../shared/bench/torch_reference.py so that figures compare one for one.
/// </summary>
public static class ModelPresets
{
    public static IEnumerable<string> Names => ["dense", "deep"];

    /// <summary>The preset's autoencoder for samples of <paramref name="inputSize"/> values, and its loss.</summary>
    /// <param name="codeSize">The code size; null takes the preset's own (32 for dense, 2 for deep).</param>
    public static (Autoencoder Model, Loss Loss) Create(string name, int inputSize, int? codeSize = null) => name switch
    {
        "dense" => (Dense(inputSize, codeSize ?? 32), Loss.BinaryCrossEntropy),
        "deep" => (Deep(inputSize, codeSize ?? 2), Loss.MeanSquaredError),
        _ => throw new ArgumentException($"unknown model \"{name}\", expected one of {string.Join(", ", Names)}"),
    };

    /// <summary>The seeds' basic Keras model: inputs → code (ReLU) → inputs (sigmoid).</summary>
    public static Autoencoder Dense(int inputSize, int codeSize) => new(
        [new Dense(codeSize, Activation.Relu)],
        [new Dense(inputSize, Activation.Sigmoid)]) { Name = "dense" };

    /// <summary>The seeds' "sandwich": 784-400-200-100-50-code-50-100-200-400-784, ReLU throughout
    /// (the code included, as in the reference), sigmoid output. Keras's initialisers (Glorot uniform, zero
    /// biases): measured here, PyTorch's and He's let a 2-unit ReLU code die more often (see the README).</summary>
    public static Autoencoder Deep(int inputSize, int codeSize)
    {
        int[] hidden = [400, 200, 100, 50];
        var encoder = hidden.Append(codeSize).Select(units => (Layer)new Dense(units, Activation.Relu));
        var decoder = hidden.Reverse().Select(units => (Layer)new Dense(units, Activation.Relu))
            .Append(new Dense(inputSize, Activation.Sigmoid));
        return new Autoencoder(encoder, decoder) { Name = "deep" };
    }
}
