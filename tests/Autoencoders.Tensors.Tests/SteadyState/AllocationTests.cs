using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests.SteadyState;

/// <summary>Once warm, a training step allocates nothing: the graph's arena and tape are reused, kernels run
/// through persistent workers with preallocated jobs, and OpenBLAS needs no managed memory.</summary>
[Collection(AllocationMeasurements.Name)]
public sealed class AllocationTests
{
    // Note for test authors: in Debug builds a Shape built from constants, new Shape(256, 784), allocates
    // 72 bytes per call (the unoptimised JIT materialises the constant span), so TrainingStep builds it once.
    [OpenBlasTheory]
    [InlineData(1)]
    [InlineData(2)]
    public void ATrainingStepAllocatesNothingOnceWarm(int threads)
    {
        using var backend = new CpuBackend(threads);
        Assert.True(backend.UsesOpenBlas, backend.Name);
        AllocatesNothingOnceWarm(backend);
    }

    /// <summary>The managed GEMM too: its blocks go to the backend's workers through a reused job, its packing buffers
    /// are each thread's own, grown once.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ATrainingStepOnTheManagedGemmAllocatesNothingOnceWarm(int threads)
    {
        using var backend = new CpuBackend(threads, useOpenBlas: false);
        AllocatesNothingOnceWarm(backend);
    }

    private static void AllocatesNothingOnceWarm(CpuBackend backend)
    {
        var training = new TrainingStep(backend);
        float first = training.Run();
        for (int i = 0; i < 2; i++) training.Run();

        // The least of three windows of 20 steps: a one-off allocation of the runtime's (a method promoted to its
        // optimised tier meanwhile: CI once saw 8 KB in one window) is not the step's; a per-step one shows in every window.
        float last = 0;
        long allocated = long.MaxValue;
        for (int window = 0; window < 3; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++) last = training.Run();
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.True(allocated == 0, $"20 warm training steps on {backend.Name} allocated {allocated} bytes (the least of three windows)");
        Assert.True(last < first, $"the loss should fall over 62 Adam steps: {first} → {last}");
    }
}
