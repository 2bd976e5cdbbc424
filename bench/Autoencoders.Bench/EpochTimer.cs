using System.Diagnostics;
using Autoencoders.Data;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Presets;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Bench;

/// <summary>
/// Training speed as torch_reference.py measures it: Adam, one warm-up pass of 10 batches, then the median of
/// <c>repeats</c> timed epochs over the given samples.
/// </summary>
internal static class EpochTimer
{
    /// <summary>Samples/s of the preset <paramref name="workload"/> at its own batch size.</summary>
    public static double Measure(string workload, Dataset train, IComputeBackend backend, int repeats)
    {
        var (model, loss) = ModelPresets.Create(workload, train.FeatureCount);
        return Measure(model, loss, train, ModelPresets.BatchSize(workload), backend, repeats);
    }

    /// <summary>Samples/s of <paramref name="model"/> (not yet built) trained with <paramref name="loss"/> at <paramref name="batch"/>.</summary>
    public static double Measure(Model model, Loss loss, Dataset train, int batch, IComputeBackend backend, int repeats)
    {
        Prepare(model, loss, train, batch, backend);
        var seconds = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            model.Fit(train, new FitOptions { Epochs = 1, BatchSize = batch, Seed = i });
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        seconds.Sort();
        return train.Count / seconds[seconds.Count / 2];
    }

    /// <summary>Builds <paramref name="model"/> on <paramref name="backend"/> (seed 0), compiles it with Adam and runs the
    /// warm-up pass of 10 batches: what comes before every timed epoch.</summary>
    public static void Prepare(Model model, Loss loss, Dataset train, int batch, IComputeBackend backend)
    {
        model.Backend = backend;
        model.Build(new Autoencoders.Tensors.Shape(train.FeatureCount), seed: 0);
        model.Compile(new Adam(), loss);
        model.Fit(train.Limit(10 * batch), new FitOptions { Epochs = 1, BatchSize = batch });
    }
}
