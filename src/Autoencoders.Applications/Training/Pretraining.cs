using System.Diagnostics;
using Autoencoders.Data;
using Autoencoders.Nn.DeepBelief;
using Autoencoders.Nn.Models;

namespace Autoencoders.Applications.Training;

/// <summary>The dbn preset's first phase: greedy RBM pretraining, one progress line per RBM epoch.</summary>
internal static class Pretraining
{
    public static void Run(Autoencoder model, Dataset train, TrainingSettings settings, TextWriter output)
    {
        var options = new RbmOptions { EpochsPerLayer = settings.PretrainEpochs ?? new RbmOptions().EpochsPerLayer, Seed = settings.Seed };
        var clock = Stopwatch.StartNew();
        output.WriteLine($"ae train: pretraining {model.Encoder.Count} RBMs greedily by CD-{options.ContrastiveDivergenceSteps}, {options.EpochsPerLayer} epochs each");
        var progress = new SynchronousProgress<RbmEpoch>(e =>
            output.WriteLine($"  rbm {e.Layer}/{e.Layers} epoch {e.Epoch}/{e.Epochs}: reconstruction error {e.ReconstructionError:F5} per value"));
        GreedyPretrainer.Pretrain(model, train, options, progress);
        output.WriteLine($"ae train: pretrained in {clock.Elapsed.TotalSeconds:F1} s; fine-tuning by backpropagation");
    }

    /// <summary>Reports on the calling thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
