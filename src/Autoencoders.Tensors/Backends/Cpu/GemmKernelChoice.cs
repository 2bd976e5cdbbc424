namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// Which GEMM the default backend runs: OpenBLAS or the managed one. Decided from what the CPU can run and which
/// kernels OpenBLAS loaded, never from a timing, so that a machine always makes the same choice (and a seed the same
/// model). On a CPU with AVX-512, OpenBLAS 0.3.21 may run 256-bit kernels — its own detection gives HASWELL on AMD Zen 4
/// and 5, and a user's OPENBLAS_CORETYPE may name one — and there the managed AVX-512 GEMM is about 1.6 times faster
/// (bench `gemm`); with OpenBLAS's own AVX-512 kernels, or without AVX-512, OpenBLAS is at least as fast.
/// <c>AE_BACKEND=managed</c> or <c>AE_BACKEND=openblas</c> overrules the choice.
/// </summary>
internal readonly record struct GemmKernelChoice(bool UseOpenBlas, string? Reason)
{
    public const string Variable = "AE_BACKEND";

    /// <summary>The OpenBLAS cores (0.3.21, x86-64) whose SGEMM kernels use 512-bit vectors.</summary>
    public static bool HasAvx512Kernels(string? core) => core is "SKYLAKEX" or "COOPERLAKE" or "SAPPHIRERAPIDS";

    public static GemmKernelChoice ForThisProcess => Decide(Environment.GetEnvironmentVariable(Variable),
        () => OpenBlasLoader.State.Library?.CoreName, ManagedGemmWidths.Widest);

    /// <param name="forced">AE_BACKEND's value, or null.</param>
    /// <param name="openBlasCore">The core OpenBLAS runs (null where it is missing): asked only when needed, since it loads OpenBLAS.</param>
    public static GemmKernelChoice Decide(string? forced, Func<string?> openBlasCore, ManagedGemmWidth widest)
    {
        if (string.Equals(forced, "managed", StringComparison.OrdinalIgnoreCase)) return new(false, null);
        if (string.Equals(forced, "openblas", StringComparison.OrdinalIgnoreCase) || widest != ManagedGemmWidth.Vector512) return new(true, null);
        string? core = openBlasCore();
        return core is null || HasAvx512Kernels(core)
            ? new(true, null)
            : new(false, $"chosen by ae: OpenBLAS runs its {core} kernels, without AVX-512, and this CPU has AVX-512, where the managed GEMM is faster ({Variable}=openblas to use OpenBLAS)");
    }
}
