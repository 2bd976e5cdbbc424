using Autoencoders.Data;
using Autoencoders.Nn.DeepBelief;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Presets;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Nn.Tests.DeepBelief;

/// <summary>RBMs, greedy pretraining and unrolling (Hinton &amp; Salakhutdinov 2006).</summary>
public sealed class PretrainingTests
{
    private static Dataset Prototypes(int count = 400) => PrototypeData.Create(count);

    private static Autoencoder Stack(params int[] sizes)
    {
        var encoder = sizes.Skip(1).Select((units, i) => (Layer)new Dense(units, i == sizes.Length - 2 ? Activation.Linear : Activation.Sigmoid));
        var decoder = sizes.Reverse().Skip(1).Select((units, i) => (Layer)new Dense(units, Activation.Sigmoid));
        var model = new Autoencoder(encoder, decoder);
        model.Build(new Shape(sizes[0]), 1);
        return model;
    }

    [Fact]
    public void ContrastiveDivergenceLowersTheReconstructionError()
    {
        var epochs = new List<RbmEpoch>();
        var model = Stack(24, 12, 3);
        GreedyPretrainer.Pretrain(model, Prototypes(), new RbmOptions { EpochsPerLayer = 30, BatchSize = 20, LinearLearningRate = 0.01f }, new ListProgress(epochs));
        var first = epochs.Where(e => e.Layer == 1).ToList();
        Assert.Equal(60, epochs.Count);
        Assert.True(first[^1].ReconstructionError < first[0].ReconstructionError / 3,
            $"first RBM: {first[0].ReconstructionError:F4} after epoch 1, {first[^1].ReconstructionError:F4} after epoch 30");
    }

    [Fact]
    public void UnrollingCopiesTheRbmsIntoMirroredLayers()
    {
        var model = Stack(24, 12, 3);
        var machines = GreedyPretrainer.Pretrain(model, Prototypes(), new RbmOptions { EpochsPerLayer = 2, BatchSize = 20 });
        var first = (Dense)model.Encoder[0];
        var mirror = (Dense)model.Decoder[^1];
        Assert.Equal(machines[0].Weights.ToArray(), first.Kernel.ToArray());
        float[] w = machines[0].Weights.ToArray(), wt = mirror.Kernel.ToArray();
        for (int v = 0; v < 24; v++)
            for (int h = 0; h < 12; h++) Assert.Equal(w[v * 12 + h], wt[h * 24 + v]);

        // The unrolled encoder computes the RBMs' up-pass.
        var data = Prototypes(8);
        var backend = CpuBackend.Shared;
        var visible = new Tensor(new Shape(8, 24), data.Features);
        var hidden = new Tensor(new Shape(8, 12));
        var code = new Tensor(new Shape(8, 3));
        machines[0].HiddenMeans(backend, visible, hidden);
        machines[1].HiddenMeans(backend, hidden, code);
        float[] encoded = model.Encode(data);
        for (int i = 0; i < encoded.Length; i++) Assert.Equal(code.Span[i], encoded[i], 5);
    }

    [Fact]
    public void PretrainingIsDeterministicForASeed()
    {
        float[] Run() { var m = Stack(24, 6, 2); GreedyPretrainer.Pretrain(m, Prototypes(), new RbmOptions { EpochsPerLayer = 2, Seed = 4 }); return m.Parameters.Snapshot(); }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void PretrainedThenFineTunedBeatsItsStartingPoint()
    {
        var data = Prototypes();
        var model = Stack(24, 12, 3);
        GreedyPretrainer.Pretrain(model, data, new RbmOptions { EpochsPerLayer = 20, BatchSize = 20, LinearLearningRate = 0.01f });
        model.Compile(new Adam(0.01f), Loss.MeanSquaredError);
        double pretrained = model.Evaluate(data);
        model.Fit(data, new FitOptions { Epochs = 20, BatchSize = 20 });
        Assert.True(model.Evaluate(data) < pretrained, "fine-tuning lowers the pretrained MSE");
        Assert.True(model.Evaluate(data) < 0.05, $"MSE {model.Evaluate(data):F4}");
    }

    [Fact]
    public void ModelsThatAreNotMirroredStacksAreRefused()
    {
        var (conv, _) = ModelPresets.Create("deep", 24, 3);
        conv.Build(new Shape(24));
        var notMirrored = new Autoencoder([new Dense(8, Activation.Sigmoid)], [new Dense(4, Activation.Sigmoid), new Dense(24, Activation.Sigmoid)]);
        notMirrored.Build(new Shape(24));
        var error = Assert.Throws<ArgumentException>(() => GreedyPretrainer.Pretrain(notMirrored, Prototypes(), new RbmOptions()));
        Assert.Contains("mirrored by a decoder", error.Message);
        Assert.Throws<ArgumentException>(() => GreedyPretrainer.Pretrain(Stack(24, 6, 2), Prototypes(), new RbmOptions { EpochsPerLayer = 0 }));
    }

    private sealed class ListProgress(List<RbmEpoch> epochs) : IProgress<RbmEpoch>
    {
        public void Report(RbmEpoch value) => epochs.Add(value);
    }
}
