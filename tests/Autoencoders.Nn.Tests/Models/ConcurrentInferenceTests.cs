using System.Runtime.InteropServices;
using Autoencoders.Cli.Tests;
using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Presets;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Models;

/// <summary>
/// One loaded model scoring on several threads at once (a server) gives exactly what serial calls give: Encode,
/// Predict, Reconstruct and Decode each take a graph of their own, and a VAE's evaluation does not switch the
/// sampling of other threads' calls.
/// </summary>
[Collection(Training.AllocationMeasurements.Name)]
public sealed class ConcurrentInferenceTests
{
    private const int Threads = 8;

    /// <summary>Every thread starts together and calls <paramref name="run"/> for its index <paramref name="rounds"/> times.</summary>
    private static List<(int Thread, float[] Result)> OnThreads(Func<int, float[]> run, int rounds)
    {
        var results = new List<(int, float[])>();
        var failures = new List<Exception>();
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(index => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                for (int round = 0; round < rounds; round++)
                {
                    float[] result = run(index);
                    lock (results) results.Add((index, result));
                }
            }
            catch (Exception error)
            {
                lock (failures) failures.Add(error);
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        if (failures.Count > 0) throw new AggregateException(failures);
        Assert.Equal(Threads * rounds, results.Count);
        return results;
    }

    private static void AssertBitIdentical(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        ReadOnlySpan<int> left = MemoryMarshal.Cast<float, int>(expected), right = MemoryMarshal.Cast<float, int>(actual);
        int first = left.CommonPrefixLength(right);
        Assert.True(first == left.Length, $"{what}: value {first} is {(first < actual.Length ? actual[first] : 0)}, the serial call gave {(first < expected.Length ? expected[first] : 0)}");
    }

    /// <summary>Encode on even threads, Predict (= Reconstruct) on odd ones, Decode of the serial codes on every fourth.</summary>
    private static void AssertConcurrentCallsMatchSerial(Autoencoder model, Dataset data, int batchSize, int rounds)
    {
        float[] codes = model.Encode(data, batchSize), outputs = model.Predict(data, batchSize);
        var codeSet = new Dataset(codes, model.CodeSize);
        float[] decoded = model.Decode(codeSet, batchSize);
        Assert.Equal(outputs, model.Reconstruct(data, batchSize)); // serial calls agree with themselves

        var results = OnThreads(index => (index % 4) switch
        {
            0 => model.Encode(data, batchSize),
            1 or 3 => model.Predict(data, batchSize),
            _ => model.Decode(codeSet, batchSize),
        }, rounds);

        foreach (var (thread, result) in results)
        {
            var (expected, what) = (thread % 4) switch
            {
                0 => (codes, "Encode"),
                1 or 3 => (outputs, "Predict"),
                _ => (decoded, "Decode"),
            };
            AssertBitIdentical(expected, result, $"{model.Name} {what} on thread {thread}");
        }
    }

    private static Dataset Synthetic(int count, int features, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var values = new float[count * features];
        for (int i = 0; i < values.Length; i++) values[i] = random.NextFloat();
        return new Dataset(values, features);
    }

    [Fact]
    public void DenseAndConvolutionalModelsGiveTheSerialResultsOnEightThreads()
    {
        // Small batches, so each call runs dozens of batches and the threads' batches interleave.
        Dataset data = Synthetic(1_200, 64, seed: 5);
        var dense = TinyModels.Create(features: 64, code: 6);
        dense.Name = "dense";
        dense.Build(new Shape(64), seed: 2);
        var conv = new Autoencoder(
            [new Reshape(1, 8, 8), new Conv2D(4, 3, padding: Padding.Same, activation: Activation.Relu), new BatchNormalization(),
                new MaxPooling2D(), new Flatten(), new Dense(6)],
            [new Dense(64, Activation.Relu), new Reshape(1, 8, 8), new Conv2DTranspose(2, 3, 1, Padding.Same, activation: Activation.Relu),
                new Conv2D(1, 3, padding: Padding.Same, activation: Activation.Sigmoid), new Flatten()]) { Name = "conv" };
        conv.Build(new Shape(64), seed: 3);

        AssertConcurrentCallsMatchSerial(dense, data, batchSize: 40, rounds: 3);
        AssertConcurrentCallsMatchSerial(conv, data, batchSize: 40, rounds: 2);
    }

    [Fact]
    public void AVaeEvaluatedOnOneThreadStillEncodesToItsMeanOnTheOthers()
    {
        Dataset data = Synthetic(600, 24, seed: 7);
        var vae = new Autoencoder([new Dense(12, Activation.Relu), new GaussianLatent(3)], [new Dense(24, Activation.Sigmoid)]) { Name = "vae" };
        vae.Build(new Shape(24), seed: 4);
        vae.Compile(new Adam(), Loss.BinaryCrossEntropySum);
        float[] codes = vae.Encode(data, 30), outputs = vae.Predict(data, 30);

        // Thread 0 estimates the ELBO (sampling its code); the others must keep getting the deterministic mean.
        var results = OnThreads(index => index == 0 ? [(float)vae.Evaluate(data, batchSize: 30)] : index % 2 == 1 ? vae.Encode(data, 30) : vae.Predict(data, 30), rounds: 4);

        foreach (var (thread, result) in results.Where(r => r.Thread != 0))
            AssertBitIdentical(thread % 2 == 1 ? codes : outputs, result, $"VAE {(thread % 2 == 1 ? "Encode" : "Predict")} on thread {thread}");
        Assert.All(results.Where(r => r.Thread == 0), r => Assert.True(float.IsFinite(r.Result[0]) && r.Result[0] > 0, $"ELBO {r.Result[0]}"));
    }

    /// <summary>Renting a graph costs nothing per batch: a warm serial Predict in 30 batches allocates what the same
    /// call in 3 batches does (the result and the call's own arrays).</summary>
    [Fact]
    public void AWarmPredictAllocatesNothingPerBatch()
    {
        var model = TinyModels.Create(features: 64, code: 6);
        model.Build(new Shape(64), seed: 2);
        Dataset data = Synthetic(1_200, 64, seed: 1);
        for (int warm = 0; warm < 3; warm++)
        {
            model.Predict(data, 400);
            model.Predict(data, 40);
        }

        long Allocated(int batchSize)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            model.Predict(data, batchSize);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        // The least of several calls: a one-off allocation that is no Predict's (the runtime's, or a lock another test
        // thread contends for, which CI's parallel test classes do) must not read as a per-batch cost; a per-batch
        // allocation shows in every call.
        long threeBatches = Enumerable.Range(0, 5).Min(_ => Allocated(400)), thirtyBatches = Enumerable.Range(0, 5).Min(_ => Allocated(40));

        Assert.True(thirtyBatches <= threeBatches, $"30 batches allocated {thirtyBatches} bytes, 3 batches {threeBatches}");
    }

    [FashionMnistFact]
    public void TheFashionMnistTestSetEncodesAndPredictsIdenticallyOnEightThreads()
    {
        Dataset test = DatasetCatalog.Load("fashion-mnist").Test!;
        var (model, _) = ModelPresets.Create("dense", test.FeatureCount);
        model.Build(new Shape(test.FeatureCount), seed: 1);

        AssertConcurrentCallsMatchSerial(model, test, batchSize: 1000, rounds: 1);
    }
}
