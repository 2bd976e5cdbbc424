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

        long before = GC.GetAllocatedBytesForCurrentThread();
        float last = 0;
        for (int i = 0; i < 20; i++) last = training.Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated == 0, $"20 warm training steps on {backend.Name} allocated {allocated} bytes");
        Assert.True(last < first, $"the loss should fall over 22 Adam steps: {first} → {last}");
    }
}
