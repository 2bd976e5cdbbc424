using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Regularizers;

namespace Autoencoders.Nn.Presets;

/// <summary>
/// The named architectures of <c>ae train --model</c>, with the loss each is trained with: the seeds' models, and
/// the same networks as ../shared/bench/torch_reference.py (dense, deep, conv, vae, conv1d) so that figures compare one for one.
/// </summary>
public static class ModelPresets
{
    public static IEnumerable<string> Names => ["dense", "deep", "sparse", "denoising", "contractive", "conv", "conv-deep", "vae", "dbn", "lstm", "conv1d"];

    /// <summary>One line per preset, for help text.</summary>
    public static string Describe(string name) => name switch
    {
        "dense" => "784-32-784, ReLU code, BCE (the seeds' basic model)",
        "deep" => "784-400-200-100-50-N-…-784, ReLU, MSE (the seeds' sandwich; N = 2)",
        "sparse" => "dense with an L1 activity penalty 1e-4 on the code (the seeds' regularizers.l1(10e-5))",
        "denoising" => "Gaussian input noise (--noise, default 0.5, clipped to [0, 1]), 784-512-128-512-784, BCE",
        "contractive" => "784-N-784 with a sigmoid code and the contractive penalty λ 1e-4, BCE (N = 64)",
        "conv" => "Conv32-pool-Conv32-pool / ConvT32 ×2-Conv1, BCE (torch_reference.py's conv)",
        "conv-deep" => "the seeds' conv project: Conv 64-128-256 with batch norm, dense code 49, RMSE",
        "vae" => "784-400-(μ, log σ² N)-400-784, BCE summed + KL: the negative ELBO in nats (N = 20)",
        "dbn" => "784-1000-500-250-N (N = 30): RBMs pretrained by CD-1, unrolled, fine-tuned with MSE (Hinton 2006)",
        "lstm" => "each image as 28 steps of 28 pixels: LSTM 64 (the code), RepeatVector 28, LSTM 64, TimeDistributed Dense 28 sigmoid, BCE",
        "conv1d" => "Conv1D 32-16 (k 7, s 2) / Conv1DTranspose 16-32-1 on windows (T, 1), MSE (torch_reference.py's conv1d)",
        _ => throw UnknownPreset(name),
    };

    /// <summary>The batch size the preset is measured with (torch_reference.py's): 128 for the VAE, the LSTM and conv1d, else 256.</summary>
    public static int BatchSize(string name) => name is "vae" or "lstm" or "conv1d" ? 128 : 256;

    /// <summary>The preset's autoencoder for samples of <paramref name="inputSize"/> values, and its loss.</summary>
    /// <param name="codeSize">The code size; null takes the preset's own.</param>
    /// <param name="noise">The denoising preset's noise factor (standard deviation); 0.5 when null.</param>
    public static (Autoencoder Model, Loss Loss) Create(string name, int inputSize, int? codeSize = null, float? noise = null) => name switch
    {
        "dense" => (Dense(inputSize, codeSize ?? 32), Loss.BinaryCrossEntropy),
        "deep" => (Deep(inputSize, codeSize ?? 2), Loss.MeanSquaredError),
        "sparse" => (Sparse(inputSize, codeSize ?? 32), Loss.BinaryCrossEntropy),
        "denoising" => (Denoising(inputSize, codeSize ?? 128, noise ?? 0.5f), Loss.BinaryCrossEntropy),
        "contractive" => (Contractive(inputSize, codeSize ?? 64), Loss.BinaryCrossEntropy),
        "conv" => (ConvolutionalPresets.Conv(inputSize), Loss.BinaryCrossEntropy),
        "conv-deep" => (ConvolutionalPresets.ConvDeep(inputSize, codeSize ?? 49), Loss.RootMeanSquaredError),
        "vae" => (Variational(inputSize, codeSize ?? 20), Loss.BinaryCrossEntropySum),
        "dbn" => (DeepBelief(inputSize, codeSize ?? 30), Loss.MeanSquaredError),
        "lstm" => (RecurrentPresets.Lstm(inputSize, codeSize ?? 64), Loss.BinaryCrossEntropy),
        "conv1d" => (SequencePresets.Conv1D(inputSize), Loss.MeanSquaredError),
        _ => throw UnknownPreset(name),
    };

    private static ArgumentException UnknownPreset(string name) =>
        new($"unknown model \"{name}\", expected one of {string.Join(", ", Names)} or a .yaml/.json model file");

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

    /// <summary>The seeds' sparse model: the dense one with <c>activity_regularizer=regularizers.l1(10e-5)</c> on the code.</summary>
    public static Autoencoder Sparse(int inputSize, int codeSize) => new(
        [new Dense(codeSize, Activation.Relu, activityRegularizer: new L1L2Regularizer(1e-4f, 0f))],
        [new Dense(inputSize, Activation.Sigmoid)]) { Name = "sparse" };

    /// <summary>Noise on the inputs while training (x̃ = clip(x + factor·z, 0, 1), the seeds' corruption), clean targets.</summary>
    public static Autoencoder Denoising(int inputSize, int codeSize, float noise) => new(
        [new GaussianNoise(noise, 0f, 1f), new Dense(512, Activation.Relu), new Dense(codeSize, Activation.Relu)],
        [new Dense(512, Activation.Relu), new Dense(inputSize, Activation.Sigmoid)]) { Name = "denoising" };

    /// <summary>A one-layer sigmoid encoder whose Jacobian is penalised (Rifai et al. 2011).</summary>
    public static Autoencoder Contractive(int inputSize, int codeSize) => new(
        [new Dense(codeSize, Activation.Sigmoid, activityRegularizer: new ContractiveRegularizer(1e-4f))],
        [new Dense(inputSize, Activation.Sigmoid)]) { Name = "contractive" };

    /// <summary>torch_reference.py's vae, with PyTorch's initialisation as there: 784-400-(μ, log σ²)-400-784, sigmoid
    /// output (pixels in [0, 1]). Other data picks its width and output: ts-vae's windows are 128 wide, linear (z-scores).</summary>
    public static Autoencoder Variational(int inputSize, int codeSize, int hidden = 400, Activation? output = null, string name = "vae")
    {
        var torch = Initializer.TorchDefault;
        return new Autoencoder(
            [new Dense(hidden, Activation.Relu, kernelInitializer: torch, biasInitializer: torch), new GaussianLatent(codeSize, 1f, torch, torch)],
            [new Dense(hidden, Activation.Relu, kernelInitializer: torch, biasInitializer: torch),
             new Dense(inputSize, output ?? Activation.Sigmoid, kernelInitializer: torch, biasInitializer: torch)]) { Name = name };
    }

    /// <summary>Hinton &amp; Salakhutdinov's deep autoencoder: logistic layers, a linear code, mirrored. Its weights come from
    /// RBM pretraining (see <c>Pretraining</c>); built plainly, it starts from Glorot weights.</summary>
    public static Autoencoder DeepBelief(int inputSize, int codeSize)
    {
        int[] hidden = [1000, 500, 250];
        var encoder = hidden.Select(units => (Layer)new Dense(units, Activation.Sigmoid)).Append(new Dense(codeSize, Activation.Linear));
        var decoder = hidden.Reverse().Select(units => (Layer)new Dense(units, Activation.Sigmoid)).Append(new Dense(inputSize, Activation.Sigmoid));
        return new Autoencoder(encoder, decoder) { Name = "dbn" };
    }
}
