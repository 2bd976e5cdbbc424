using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests.Kernels;

/// <summary>Which GEMM the default backend runs, for every CPU and OpenBLAS core this rule meets (not only this machine's).</summary>
public sealed class GemmKernelChoiceTests
{
    [Theory]
    [InlineData("HASWELL")]
    [InlineData("ZEN")]
    [InlineData("SANDYBRIDGE")]
    [InlineData("PRESCOTT")]
    public void OnAnAvx512CpuOpenBlassNarrowKernelsGiveWayToTheManagedGemm(string core)
    {
        var choice = GemmKernelChoice.Decide(null, () => core, ManagedGemmWidth.Vector512);

        Assert.False(choice.UseOpenBlas);
        Assert.Contains($"OpenBLAS runs its {core} kernels, without AVX-512", choice.Reason);
    }

    [Theory]
    [InlineData("SKYLAKEX")]
    [InlineData("COOPERLAKE")]
    [InlineData("SAPPHIRERAPIDS")]
    public void OpenBlassOwnAvx512KernelsAreKept(string core) =>
        Assert.True(GemmKernelChoice.Decide(null, () => core, ManagedGemmWidth.Vector512).UseOpenBlas);

    [Fact]
    public void WithoutAvx512OpenBlasRunsAndIsNotEvenAskedItsCore()
    {
        var choice = GemmKernelChoice.Decide(null, () => throw new InvalidOperationException("loaded OpenBLAS"), ManagedGemmWidth.Vector256);

        Assert.True(choice.UseOpenBlas);
        Assert.Null(choice.Reason);
    }

    [Fact]
    public void AeBackendOverrulesTheChoiceEitherWay()
    {
        Assert.True(GemmKernelChoice.Decide("openblas", () => "HASWELL", ManagedGemmWidth.Vector512).UseOpenBlas);
        Assert.False(GemmKernelChoice.Decide("MANAGED", () => "SKYLAKEX", ManagedGemmWidth.Vector512).UseOpenBlas);
    }

    // Asking for a missing OpenBLAS is how the backend ends on the managed GEMM with "OpenBLAS is not installed" as the reason.
    [Fact]
    public void WithoutOpenBlasTheChoiceLeavesTheFallBackToTheBackend() =>
        Assert.Equal(new GemmKernelChoice(true, null), GemmKernelChoice.Decide(null, () => null, ManagedGemmWidth.Vector512));
}
