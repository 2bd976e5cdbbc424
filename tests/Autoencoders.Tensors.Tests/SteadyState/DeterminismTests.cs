using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests.SteadyState;

/// <summary>The same inputs give bit-identical losses and parameters, run after run, however the threads are
/// scheduled: GEMMs split C so each element is computed by one thread, and sums add per-chunk parts in order.</summary>
public sealed class DeterminismTests
{
    [OpenBlasFact]
    public void OpenBlasTrainingIsBitIdenticalRunToRun() => AssertRepeatable(useOpenBlas: true);

    [Fact]
    public void ManagedTrainingIsBitIdenticalRunToRun() => AssertRepeatable(useOpenBlas: false);

    [Fact]
    public void TwoThreadsSharingOneBackendGetWhatEachGetsAlone()
    {
        // The backend gives each calling thread its own kernel jobs and runs one split job at a time.
        using var backend = new CpuBackend(threads: 2);
        using var start = new Barrier(2);
        float[] Train(int seed, Barrier? together)
        {
            var training = new TrainingStep(backend, seed);
            together?.SignalAndWait();
            for (int i = 0; i < 3; i++) training.Run();
            return training.Parameters;
        }
        float[] alone1 = Train(1, null), alone2 = Train(2, null);
        float[]? together1 = null, together2 = null;
        Exception? failure = null;
        void Guarded(Action run)
        {
            try { run(); }
            catch (Exception error) { failure = error; }
        }
        var threads = new[] { new Thread(() => Guarded(() => together1 = Train(1, start))), new Thread(() => Guarded(() => together2 = Train(2, start))) };
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        Assert.Null(failure);
        Assert.True(alone1.AsSpan().SequenceEqual(together1), "thread 1's parameters differ when another thread shares the backend");
        Assert.True(alone2.AsSpan().SequenceEqual(together2), "thread 2's parameters differ when another thread shares the backend");
    }

    private static void AssertRepeatable(bool useOpenBlas)
    {
        (float[] Losses, float[] Parameters) Train()
        {
            using var backend = new CpuBackend(threads: 2, useOpenBlas);
            var training = new TrainingStep(backend);
            float[] losses = [.. Enumerable.Range(0, 4).Select(_ => training.Run())];
            return (losses, training.Parameters);
        }

        var (lossesA, parametersA) = Train();
        var (lossesB, parametersB) = Train();
        Assert.Equal(lossesA, lossesB);
        Assert.True(parametersA.AsSpan().SequenceEqual(parametersB), "parameters after 4 steps differ between two identical runs");
        Assert.NotEqual(lossesA[0], lossesA[^1]); // the steps did change something
    }
}
