using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// The vector width of the managed GEMM's micro-kernel. Every width computes each element of C by the same
/// sequence of fused multiply-adds, so all of them give bit-identical results; only the speed differs.
/// </summary>
internal enum ManagedGemmWidth
{
    Vector128 = 128,
    Vector256 = 256,
    Vector512 = 512,
}

internal static class ManagedGemmWidths
{
    /// <summary>The widest width this CPU runs in hardware. AVX-512 is taken even where .NET prefers 256-bit vectors
    /// for general code (<see cref="Vector512.IsHardwareAccelerated"/> false on CPUs that slow their clock for it):
    /// a GEMM keeps the FMA units busy, and OpenBLAS's own SKYLAKEX kernels make the same choice.</summary>
    public static ManagedGemmWidth Widest =>
        Vector512.IsHardwareAccelerated || Avx512F.IsSupported ? ManagedGemmWidth.Vector512
        : Vector256.IsHardwareAccelerated ? ManagedGemmWidth.Vector256
        : ManagedGemmWidth.Vector128;

    /// <summary>The widths that run in hardware here (128 always: emulated where there is no SIMD at all).</summary>
    public static IEnumerable<ManagedGemmWidth> Available =>
        Enum.GetValues<ManagedGemmWidth>().Where(width => width <= Widest);

    /// <summary>As the backend's name shows it: vector128, vector256, vector512.</summary>
    public static string Name(this ManagedGemmWidth width) => $"vector{(int)width}";
}
