using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Nn.DeepBelief;

/// <summary>One epoch of one RBM: its place in the stack and its mean squared reconstruction error per value.</summary>
public readonly record struct RbmEpoch(int Layer, int Layers, int Epoch, int Epochs, double ReconstructionError);

/// <summary>
/// Hinton &amp; Salakhutdinov's pretraining (Science 2006, https://doi.org/10.1126/science.1127647): a stack of RBMs trained
/// greedily, each on the hidden means of the one below, then unrolled into the autoencoder's weights, encoder
/// W₁ … Wₙ and decoder Wₙᵀ … W₁ᵀ, ready for fine-tuning by backpropagation.
/// </summary>
public static class GreedyPretrainer
{
    /// <summary>Pretrains <paramref name="model"/> (built; an encoder of Dense layers mirrored by its decoder, as the dbn preset)
    /// on <paramref name="data"/> and writes the RBMs' weights into it. Logistic encoder layers become Bernoulli hidden
    /// units, a linear code layer Gaussian ones; a linear decoder output makes the first RBM's visible units Gaussian.</summary>
    public static IReadOnlyList<RestrictedBoltzmannMachine> Pretrain(Autoencoder model, IBatchSource data, RbmOptions options, IProgress<RbmEpoch>? progress = null)
    {
        options.Validate();
        var (encoder, decoder) = MirroredDenseStack(model);
        if (data.FeatureCount != encoder[0].Kernel.Rows)
            throw new ArgumentException($"expected samples of {encoder[0].Kernel.Rows} values for model {model.Name}, received {data.FeatureCount}");
        IComputeBackend backend = model.Backend;
        var random = new DeterministicRandom((ulong)options.Seed);
        bool gaussianVisible = decoder[^1].Activation == Activation.Linear;
        var machines = new List<RestrictedBoltzmannMachine>();
        for (int i = 0; i < encoder.Length; i++)
        {
            var layer = encoder[i];
            var rbm = new RestrictedBoltzmannMachine(layer.Kernel.Rows, layer.Units, i == 0 && gaussianVisible, layer.Activation == Activation.Linear, random.Fork());
            TrainLayer(rbm, machines, data, backend, options, random, i, encoder.Length, progress);
            machines.Add(rbm);
        }
        Unroll(machines, encoder, decoder);
        return machines;
    }

    private static void TrainLayer(RestrictedBoltzmannMachine rbm, List<RestrictedBoltzmannMachine> below, IBatchSource data, IComputeBackend backend,
        RbmOptions options, DeterministicRandom random, int index, int layers, IProgress<RbmEpoch>? progress)
    {
        var batches = new BatchIterator(data, options.BatchSize, shuffle: true, random.Fork());
        var scratch = new RbmScratch();
        var inputs = new Tensor[below.Count + 1]; // the batch, then its hidden means at each trained layer
        var buffer = new float[batches.BufferLength];
        float learningRate = rbm.LinearHidden ? options.LinearLearningRate : options.LearningRate;
        for (int epoch = 1; epoch <= options.EpochsPerLayer; epoch++)
        {
            float momentum = epoch <= options.EpochsAtInitialMomentum ? 0.5f : options.FinalMomentum;
            double error = 0;
            long values = 0;
            batches.BeginEpoch();
            while (batches.TryFillNext(buffer, out int rows))
            {
                inputs[0] = new Tensor(buffer, 0, new Shape(rows, data.FeatureCount));
                for (int j = 0; j < below.Count; j++)
                {
                    inputs[j + 1] = RbmScratch.Sized(inputs[j + 1] ?? new Tensor(Shape.Scalar), new Shape(rows, below[j].Hidden));
                    below[j].HiddenMeans(backend, inputs[j], inputs[j + 1]);
                }
                error += rbm.Train(backend, inputs[below.Count], scratch, options, learningRate, momentum, random);
                values += (long)rows * rbm.Visible;
            }
            progress?.Report(new RbmEpoch(index + 1, layers, epoch, options.EpochsPerLayer, error / values));
        }
    }

    private static (Dense[] Encoder, Dense[] Decoder) MirroredDenseStack(Autoencoder model)
    {
        if (!model.IsBuilt)
            throw new InvalidOperationException($"model {model.Name} must be built before pretraining");
        Dense[] encoder = [.. model.Encoder.OfType<Dense>()], decoder = [.. model.Decoder.OfType<Dense>()];
        if (encoder.Length != model.Encoder.Count || decoder.Length != model.Decoder.Count || encoder.Length != decoder.Length)
            throw new ArgumentException($"RBM pretraining needs an encoder of Dense layers mirrored by a decoder of as many, received {model.Encoder.Count} and {model.Decoder.Count} layers");
        for (int i = 0; i < encoder.Length; i++)
        {
            Dense up = encoder[i], down = decoder[^(i + 1)];
            if (down.Kernel.Rows != up.Kernel.Columns || down.Kernel.Columns != up.Kernel.Rows || !up.UseBias || !down.UseBias)
                throw new ArgumentException($"decoder layer {down.Name} must mirror encoder layer {up.Name}: expected a {up.Kernel.Columns}→{up.Kernel.Rows} kernel with a bias, received {down.Kernel.Shape}");
        }
        return (encoder, decoder);
    }

    /// <summary>Encoder layer i gets (Wᵢ, cᵢ); its mirror in the decoder gets (Wᵢᵀ, bᵢ).</summary>
    private static void Unroll(List<RestrictedBoltzmannMachine> machines, Dense[] encoder, Dense[] decoder)
    {
        for (int i = 0; i < machines.Count; i++)
        {
            var rbm = machines[i];
            Dense up = encoder[i], down = decoder[^(i + 1)];
            rbm.Weights.Span.CopyTo(up.Kernel.Span);
            rbm.HiddenBias.Span.CopyTo(up.Parameters[1].Value.Span);
            ReadOnlySpan<float> w = rbm.Weights.Span;
            Span<float> transposed = down.Kernel.Span;
            for (int v = 0; v < rbm.Visible; v++)
                for (int h = 0; h < rbm.Hidden; h++)
                    transposed[h * rbm.Visible + v] = w[v * rbm.Hidden + h];
            rbm.VisibleBias.Span.CopyTo(down.Parameters[1].Value.Span);
        }
    }
}
