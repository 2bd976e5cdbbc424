using System.Runtime.InteropServices;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// <c>cblas_sgemm</c> from OpenBLAS (Debian: libopenblas0-pthread), found at run time through
/// <see cref="NativeLibrary"/> so that the engine still runs, on the managed GEMM, where it is missing.
/// <see cref="OpenBlasLoader"/> loads it once per process and chooses its kernels.
/// </summary>
internal sealed unsafe class OpenBlas
{
    private const int RowMajor = 101, NoTranspose = 111, Transpose = 112;

    /// <summary>Where to look, in order.</summary>
    public static readonly string[] Candidates =
    [
        "libopenblas.so.0",
        "libopenblas.so",
        "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "libopenblas.dylib",
        "libopenblas.dll",
    ];

    private readonly nint handle;
    private readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> sgemm;
    private readonly delegate* unmanaged<int, void> setThreads;

    private OpenBlas(string path, nint handle, nint sgemm, nint setThreads)
    {
        LibraryPath = path;
        this.handle = handle;
        this.sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm;
        this.setThreads = (delegate* unmanaged<int, void>)setThreads;
        CoreName = ReadString("openblas_get_corename")?.ToUpperInvariant();
        Configuration = ReadString("openblas_get_config");
    }

    /// <summary>The name it was loaded by (one of <see cref="Candidates"/>).</summary>
    public string LibraryPath { get; }

    /// <summary>The kernels it runs, spelled as OPENBLAS_CORETYPE takes them (<c>HASWELL</c>, <c>SKYLAKEX</c>, …); null
    /// where the library does not say (no <c>openblas_get_corename</c>).</summary>
    public string? CoreName { get; }

    /// <summary><c>openblas_get_config</c>: version and build options, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH …".</summary>
    public string? Configuration { get; }

    /// <summary>Loads the first candidate that exports both <c>cblas_sgemm</c> and <c>openblas_set_num_threads</c>; null if none.
    /// OpenBLAS picks its kernels here, while it initialises, from OPENBLAS_CORETYPE or its own CPU detection.</summary>
    public static OpenBlas? TryLoad(IEnumerable<string> candidates)
    {
        foreach (string candidate in candidates)
        {
            if (!NativeLibrary.TryLoad(candidate, out nint handle))
                continue;
            if (NativeLibrary.TryGetExport(handle, "cblas_sgemm", out nint gemm) &&
                NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out nint threads))
                return new OpenBlas(candidate, handle, gemm, threads);
            NativeLibrary.Free(handle);
        }
        return null;
    }

    /// <summary>Drops this process's reference; the library is unloaded (its threads stopped) when it was the last.</summary>
    public void Unload() => NativeLibrary.Free(handle);

    public void SetThreads(int threads) => setThreads(threads);

    /// <summary>Row-major C(m×n) = alpha · op(A) · op(B) + beta · C.</summary>
    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        fixed (float* pa = a, pb = b, pc = c)
        {
            sgemm(RowMajor, transposeA ? Transpose : NoTranspose, transposeB ? Transpose : NoTranspose,
                m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    private string? ReadString(string export) =>
        NativeLibrary.TryGetExport(handle, export, out nint function)
            ? Marshal.PtrToStringUTF8((nint)((delegate* unmanaged<byte*>)function)())?.Trim()
            : null;
}
