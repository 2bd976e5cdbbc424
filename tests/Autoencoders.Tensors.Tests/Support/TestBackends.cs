using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests;

/// <summary>Backends shared by the tests (each one starts worker threads, so they are made once).</summary>
public static class TestBackends
{
    private static readonly Lazy<bool> OpenBlasInstalled = new(() =>
    {
        using var probe = new CpuBackend(threads: 1);
        return probe.UsesOpenBlas;
    });

    // Both follow AE_BACKEND as the product does, so that `AE_BACKEND=managed dotnet test` runs every check on the
    // managed GEMM, as on a machine without OpenBLAS.

    /// <summary>One thread, no workers: for gradient checks and anything tested on many threads at once.</summary>
    public static readonly CpuBackend SingleThreaded = CpuBackend.CreateDefault(threads: 1);

    /// <summary>Three threads (12 chunks per split), so parallel kernels split at awkward boundaries.
    /// OpenBLAS when installed, unless AE_BACKEND=managed.</summary>
    public static readonly CpuBackend Parallel = CpuBackend.CreateDefault(threads: 3);

    /// <summary>OpenBLAS whatever AE_BACKEND says, three threads: for the tests of the OpenBLAS path itself.</summary>
    public static readonly CpuBackend OpenBlas = new(threads: 3, useOpenBlas: true);

    /// <summary>The managed SIMD GEMM, even where OpenBLAS is installed, at the widest vector width here.</summary>
    public static readonly CpuBackend Managed = new(threads: 3, useOpenBlas: false);

    private static readonly Dictionary<ManagedGemmWidth, CpuBackend> ManagedWidths =
        ManagedGemmWidths.Available.ToDictionary(width => width, width => new CpuBackend(3, useOpenBlas: false, width));

    /// <summary>The managed GEMM at <paramref name="width"/> (three threads), for each width this CPU runs.</summary>
    internal static CpuBackend ManagedAt(ManagedGemmWidth width) => ManagedWidths[width];

    public const string NoOpenBlas =
        "OpenBLAS is not installed (Debian: apt-get install libopenblas0-pthread; scripts/debian-packages.sh does it), so the OpenBLAS path cannot be tested";

    public static bool HasOpenBlas => OpenBlasInstalled.Value;
}

/// <summary>A fact that is skipped, saying why, where OpenBLAS is not installed (xunit 2 has no runtime skip).</summary>
public sealed class OpenBlasFactAttribute : FactAttribute
{
    public OpenBlasFactAttribute()
    {
        if (!TestBackends.HasOpenBlas) Skip = TestBackends.NoOpenBlas;
    }
}

/// <summary>A theory that is skipped, saying why, where OpenBLAS is not installed.</summary>
public sealed class OpenBlasTheoryAttribute : TheoryAttribute
{
    public OpenBlasTheoryAttribute()
    {
        if (!TestBackends.HasOpenBlas) Skip = TestBackends.NoOpenBlas;
    }
}
