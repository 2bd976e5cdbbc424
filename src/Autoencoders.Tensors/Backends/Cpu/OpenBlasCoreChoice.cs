using System.Runtime.Intrinsics.X86;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>What the CPU can run, as far as OpenBLAS's x86-64 kernels care (each flag includes the OS's support).</summary>
internal readonly record struct CpuFeatures(bool Avx512, bool Avx2AndFma, bool Avx)
{
    /// <summary>This machine, from <see cref="System.Runtime.Intrinsics.X86"/>; all false on other architectures.</summary>
    public static CpuFeatures Current => new(
        Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512F.VL.IsSupported,
        Avx2.IsSupported && Fma.IsSupported,
        System.Runtime.Intrinsics.X86.Avx.IsSupported);

    public override string ToString() =>
        Avx512 ? "AVX-512 F/BW/DQ/VL" : Avx2AndFma ? "AVX2 and FMA" : Avx ? "AVX" : "no AVX";
}

/// <summary>
/// Whether to overrule OpenBLAS's choice of kernels, and with what. OpenBLAS (DYNAMIC_ARCH) picks a core from the
/// CPU's vendor, family and model; a model its table does not know gets the generic PRESCOTT core (SSE3, about a
/// fifth of the speed on an AVX-512 Xeon), without a word. Only then is the core chosen here, from the CPU's
/// features; a core OpenBLAS chose itself, or that OPENBLAS_CORETYPE names, is kept.
/// </summary>
internal static class OpenBlasCoreChoice
{
    /// <summary>The environment variable that OpenBLAS reads, once, while it initialises.</summary>
    public const string Variable = "OPENBLAS_CORETYPE";

    /// <summary>Test hook: "1" makes the loader treat OpenBLAS's own choice as generic, so that the path taken on CPUs
    /// that OpenBLAS does not recognise can be run on one it does.</summary>
    public const string AssumeGenericVariable = "AE_OPENBLAS_ASSUME_GENERIC";

    /// <summary>OpenBLAS's fallback for an x86-64 CPU it does not recognise (driver/others/dynamic.c: no core from
    /// get_coretype → gotoblas_PRESCOTT), and what it says when the core is not in its list.</summary>
    public static bool IsGeneric(string? core) => core is "PRESCOTT" or "UNKNOWN";

    /// <summary>The best core for these features that every OpenBLAS with DYNAMIC_ARCH has: SKYLAKEX needs
    /// AVX-512 F, BW, DQ and VL; HASWELL AVX2 and FMA; SANDYBRIDGE AVX. Null below AVX (the generic core is right).</summary>
    public static string? FromFeatures(CpuFeatures features) =>
        features.Avx512 ? "SKYLAKEX" : features.Avx2AndFma ? "HASWELL" : features.Avx ? "SANDYBRIDGE" : null;

    /// <summary>The core to ask for, or null to keep what OpenBLAS loaded with: <paramref name="userValue"/> is
    /// OPENBLAS_CORETYPE as native code sees it, <paramref name="detected"/> the core OpenBLAS chose without it. With
    /// <paramref name="assumeGeneric"/> the detected core counts as generic even when it is the one the features give
    /// (an Intel AVX-512 CPU that OpenBLAS calls SKYLAKEX), so that the test hook takes the reload path on every CPU.</summary>
    public static string? Override(string? userValue, string? detected, CpuFeatures features, bool assumeGeneric = false) =>
        userValue is null && (assumeGeneric || IsGeneric(detected)) ? FromFeatures(features) : null;
}
