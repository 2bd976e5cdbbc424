using System.Runtime.InteropServices;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// <c>cblas_sgemm</c> from OpenBLAS (Debian: libopenblas0-pthread), found at run time through
/// <see cref="NativeLibrary"/> so that the engine still runs, on the managed GEMM, where it is missing.
/// </summary>
internal sealed unsafe class OpenBlas
{
    private const int RowMajor = 101, NoTranspose = 111, Transpose = 112;

    private static readonly string[] Candidates =
    [
        "libopenblas.so.0",
        "libopenblas.so",
        "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "libopenblas.dylib",
        "libopenblas.dll",
    ];

    private readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> sgemm;
    private readonly delegate* unmanaged<int, void> setThreads;

    private OpenBlas(string path, nint sgemm, nint setThreads)
    {
        LibraryPath = path;
        this.sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm;
        this.setThreads = (delegate* unmanaged<int, void>)setThreads;
    }

    public string LibraryPath { get; }

    /// <summary>Loads the first OpenBLAS that exports both <c>cblas_sgemm</c> and <c>openblas_set_num_threads</c>; null if none.</summary>
    public static OpenBlas? TryLoad()
    {
        foreach (string candidate in Candidates)
        {
            if (!NativeLibrary.TryLoad(candidate, out nint handle))
                continue;
            if (NativeLibrary.TryGetExport(handle, "cblas_sgemm", out nint gemm) &&
                NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out nint threads))
                return new OpenBlas(candidate, gemm, threads);
            NativeLibrary.Free(handle);
        }
        return null;
    }

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
}
