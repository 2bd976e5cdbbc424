using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests.Kernels;

/// <summary>When the OpenBLAS core is overruled, and with what: only when OpenBLAS fell back to its generic core and
/// the user set nothing; the rest of the path (unload, setenv, load again) runs in child processes, in the command-line tests.</summary>
public sealed class OpenBlasCoreChoiceTests
{
    private static readonly CpuFeatures Avx512 = new(Avx512: true, Avx2AndFma: true, Avx: true);
    private static readonly CpuFeatures Avx2 = new(Avx512: false, Avx2AndFma: true, Avx: true);
    private static readonly CpuFeatures AvxOnly = new(Avx512: false, Avx2AndFma: false, Avx: true);
    private static readonly CpuFeatures Sse = new(Avx512: false, Avx2AndFma: false, Avx: false);

    [Fact]
    public void AGenericCoreIsReplacedByTheBestTheFeaturesAllow()
    {
        Assert.Equal("SKYLAKEX", OpenBlasCoreChoice.Override(null, "PRESCOTT", Avx512));
        Assert.Equal("HASWELL", OpenBlasCoreChoice.Override(null, "PRESCOTT", Avx2));
        Assert.Equal("SANDYBRIDGE", OpenBlasCoreChoice.Override(null, "PRESCOTT", AvxOnly));
        Assert.Equal("SKYLAKEX", OpenBlasCoreChoice.Override(null, "UNKNOWN", Avx512));
    }

    [Fact]
    public void ACoreOpenBlasRecognisedIsKept()
    {
        // What 0.3.21 picks on a Zen 4 (AVX-512 with BF16): COOPERLAKE, not to be "downgraded" to SKYLAKEX.
        Assert.Null(OpenBlasCoreChoice.Override(null, "COOPERLAKE", Avx512));
        Assert.Null(OpenBlasCoreChoice.Override(null, "ZEN", Avx2));
        Assert.Null(OpenBlasCoreChoice.Override(null, "HASWELL", Avx512));
        Assert.Null(OpenBlasCoreChoice.Override(null, null, Avx512)); // a library that does not say
    }

    [Fact]
    public void AValueTheUserSetIsNeverOverruled()
    {
        Assert.Null(OpenBlasCoreChoice.Override("PRESCOTT", "PRESCOTT", Avx512));
        Assert.Null(OpenBlasCoreChoice.Override("HASWELL", "HASWELL", Avx512, assumeGeneric: true));
        Assert.Null(OpenBlasCoreChoice.Override("", "COOPERLAKE", Avx512));
    }

    [Fact]
    public void WithoutAvxTheGenericCoreIsRight()
    {
        Assert.Null(OpenBlasCoreChoice.Override(null, "PRESCOTT", Sse));
        Assert.Null(OpenBlasCoreChoice.FromFeatures(Sse));
    }

    [Fact]
    public void TheTestHookTreatsARecognisedCoreAsGeneric()
    {
        Assert.Equal("SKYLAKEX", OpenBlasCoreChoice.Override(null, "COOPERLAKE", Avx512, assumeGeneric: true));
        // Even the core the features give (an Intel AVX-512 CPU: SKYLAKEX): the hook must take the reload path on every CPU.
        Assert.Equal("SKYLAKEX", OpenBlasCoreChoice.Override(null, "SKYLAKEX", Avx512, assumeGeneric: true));
    }

    [Fact]
    public void NativeEnvironmentSeesWhatTheProcessStartedWith()
    {
        Assert.True(NativeEnvironment.IsAvailable || OperatingSystem.IsWindows());
        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), NativeEnvironment.Get("PATH"));
        Assert.Null(NativeEnvironment.Get("AE_TEST_NEVER_SET_" + Guid.NewGuid().ToString("N")));
    }
}
