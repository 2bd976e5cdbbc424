using System.Runtime.Intrinsics.X86;
using System.Text.RegularExpressions;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary>
/// <c>ae backend</c> in child processes, one per kernel choice, since OpenBLAS fixes its core when a process loads it:
/// the core OpenBLAS (or this machine's OPENBLAS_CORETYPE) picks, each core this CPU runs, the path taken on a CPU
/// that OpenBLAS does not recognise, and the managed GEMM. Each child checks every awkward GEMM shape against a
/// double-precision reference. Where OPENBLAS_CORETYPE is already set (some machines need it), only that is run;
/// AE_BACKEND=openblas is set for the OpenBLAS children, so that they run OpenBLAS whatever the tests run on and the CPU is.
/// </summary>
public sealed class BackendCommandTests
{
    private const string CoreVariable = "OPENBLAS_CORETYPE";

    internal static readonly string? MachineCore = Environment.GetEnvironmentVariable(CoreVariable);

    internal static readonly bool HasOpenBlas =
        new[] { "libopenblas.so.0", "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0" }.Any(name =>
            System.Runtime.InteropServices.NativeLibrary.TryLoad(name, out _));

    /// <summary>The cores to force: each one this CPU runs, when the machine has not fixed one.</summary>
    public static TheoryData<string> Cores
    {
        get
        {
            var cores = new TheoryData<string>();
            if (MachineCore is not null || !HasOpenBlas || !X86Base.IsSupported) return cores;
            cores.Add("PRESCOTT");
            if (Avx2.IsSupported && Fma.IsSupported) cores.Add("HASWELL");
            if (Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512F.VL.IsSupported) cores.Add("SKYLAKEX");
            return cores;
        }
    }

    [Fact]
    public void TheAutomaticChoicePassesItsSelfCheck()
    {
        var result = Ae.RunBinary(new Dictionary<string, string?> { ["AE_BACKEND"] = null }, "backend", "--threads", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("self-check: passed: 888 GEMMs", result.Output);
        if (!HasOpenBlas) return;
        // OpenBLAS as this machine loads it (forced, to learn its core), then what the automatic choice makes of it:
        // the managed GEMM on an AVX-512 CPU where OpenBLAS's kernels are 256-bit, else OpenBLAS.
        var forced = Ae.RunBinary(new Dictionary<string, string?> { ["AE_BACKEND"] = "openblas" }, "backend", "--threads", "2");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        string core = Regex.Match(forced.Output, @"backend: cpu/openblas ([A-Z0-9_]+) \(2 threads\)").Groups[1].Value;
        Assert.NotEqual("", core);
        Assert.Contains(MachineCore is null ? "OpenBLAS's own detection" : $"{CoreVariable}={MachineCore} was set", forced.Output);
        bool avx512 = Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512F.VL.IsSupported;
        if (avx512 && core is not ("SKYLAKEX" or "COOPERLAKE" or "SAPPHIRERAPIDS"))
        {
            Assert.Contains("backend: cpu/managed-simd vector512 (2 threads)", result.Output);
            Assert.Contains($"chosen by ae: OpenBLAS runs its {core} kernels, without AVX-512", result.Output);
        }
        else
            Assert.Contains($"backend: cpu/openblas {core} (2 threads)", result.Output);
    }

    [CoresTheory]
    [MemberData(nameof(Cores))]
    public void EveryCoreThisCpuRunsPassesItsSelfCheck(string core)
    {
        // Set for the child only: a value the user sets is kept as it is (PRESCOTT included).
        var result = Ae.RunBinary(new Dictionary<string, string?> { [CoreVariable] = core, ["AE_BACKEND"] = "openblas" }, "backend", "--threads", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"backend: cpu/openblas {core} (2 threads)", result.Output);
        Assert.Contains($"{CoreVariable}={core} was set", result.Output);
        Assert.Contains("self-check: passed", result.Output);
    }

    // What an unrecognised CPU gets (OpenBLAS fell back to PRESCOTT): the library unloaded and loaded again with
    // OPENBLAS_CORETYPE set from the CPU's features. The hook makes a recognised CPU take the same path.
    [Fact]
    public void AGenericCoreIsReplacedFromTheCpuFeatures()
    {
        if (MachineCore is not null || !HasOpenBlas || !Avx2.IsSupported || !Fma.IsSupported) return;
        string expected = Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512F.VL.IsSupported ? "SKYLAKEX" : "HASWELL";

        var result = Ae.RunBinary(new Dictionary<string, string?> { ["AE_OPENBLAS_ASSUME_GENERIC"] = "1", ["AE_BACKEND"] = "openblas" }, "backend", "--threads", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"backend: cpu/openblas {expected} (1 threads)", result.Output);
        Assert.Contains("chosen by ae from the CPU's features", result.Output);
        Assert.Contains("self-check: passed", result.Output);
    }

    [Fact]
    public void TheManagedGemmSaysItsWidthAndPasses()
    {
        var result = Ae.RunBinary(new Dictionary<string, string?> { ["AE_BACKEND"] = "managed" }, "backend", "--threads", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"backend: cpu/managed-simd vector(128|256|512) \(2 threads\)", result.Output);
        Assert.Contains("AE_BACKEND=managed", result.Output);
        Assert.Contains("self-check: passed", result.Output);
    }
}

/// <summary>A theory over <see cref="BackendCommandTests.Cores"/>, skipped (saying why) where there is no core to force.</summary>
public sealed class CoresTheoryAttribute : TheoryAttribute
{
    public CoresTheoryAttribute()
    {
        if (BackendCommandTests.MachineCore is { } core)
            Skip = $"OPENBLAS_CORETYPE={core} is set on this machine: only that core is tested (TheAutomaticChoicePassesItsSelfCheck)";
        else if (!BackendCommandTests.HasOpenBlas)
            Skip = "OpenBLAS is not installed (Debian: apt-get install libopenblas0-pthread)";
        else if (!System.Runtime.Intrinsics.X86.X86Base.IsSupported)
            Skip = "OpenBLAS's x86-64 cores need an x86-64 CPU";
    }
}
