using System.Numerics.Tensors;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// The CPU backend: GEMM through OpenBLAS when the library is installed and passes its self-check (else
/// <see cref="ManagedGemm"/> at the widest vector width here), elementwise work through <see cref="TensorPrimitives"/>
/// and our own SIMD kernels. <see cref="CreateDefault"/> picks the faster GEMM for the CPU (<see cref="GemmKernelChoice"/>).
/// </summary>
public sealed unsafe partial class CpuBackend : IComputeBackend, IDisposable
{
    // Below this many elements a kernel runs on the calling thread: splitting costs more than it saves.
    private const int ParallelThreshold = 16_384;

    // Below this many multiply-adds a GEMM is not split.
    private const long ParallelGemmWork = 1 << 18;

    // Chunks per thread of a parallel OpenBLAS GEMM, fewer than the runner's default: each chunk is an OpenBLAS call that
    // packs the shared operand again. On deep's shapes (bench gemmchunks) 2 per thread ran at 97-99 % of the speed of 1
    // and 4-5 % faster than 4, while still letting a thread that is ahead take a chunk from one that the OS slowed.
    private const int OpenBlasChunksPerThread = 2;

    private readonly OpenBlas? blas;
    private readonly ManagedGemmWidth managedWidth;
    private readonly bool openBlasRequested;
    private static readonly Lazy<CpuBackend> SharedBackend = new(() => CreateDefault());

    private readonly ParallelRunner runner;

    // Kernels fill a job's fields, then run it: each calling thread gets its own jobs, and the runner
    // takes one job at a time, so models trained on different threads may share a backend.
    private readonly ThreadLocal<RangeJob> rangeJobs;
    private readonly ThreadLocal<GemmJob> gemmJobs = new(() => new GemmJob());
    private readonly ThreadLocal<ManagedGemmJob> managedGemmJobs = new(() => new ManagedGemmJob());
    private readonly ThreadLocal<ConvolutionJob> convolutionJobs;
    private readonly ThreadLocal<BatchNormJob> batchNormJobs = new(() => new BatchNormJob());

    /// <param name="threads">Threads for GEMM; 0 means one per core.</param>
    /// <param name="useOpenBlas">False forces the managed GEMM even where OpenBLAS is installed.</param>
    public CpuBackend(int threads = 0, bool useOpenBlas = true)
        : this(threads, useOpenBlas, ManagedGemmWidths.Widest)
    {
    }

    /// <param name="managedWidth">The managed GEMM's vector width (tests run every one).</param>
    internal CpuBackend(int threads, bool useOpenBlas, ManagedGemmWidth managedWidth)
    {
        if (threads < 0)
            throw new ArgumentOutOfRangeException(nameof(threads), $"expected 0 (one per core) or more threads, received {threads}");
        Threads = threads == 0 ? Environment.ProcessorCount : threads;
        openBlasRequested = useOpenBlas;
        this.managedWidth = managedWidth;
        // OpenBLAS runs single-threaded (the loader sets it): this backend splits each GEMM over the cores itself, with
        // the same workers as the elementwise kernels, so no second set of spinning threads competes for the cores.
        blas = useOpenBlas ? OpenBlasLoader.State.Library : null;
        runner = new ParallelRunner(Threads);
        rangeJobs = new ThreadLocal<RangeJob>(() => new RangeJob(runner.MaxChunks));
        convolutionJobs = new ThreadLocal<ConvolutionJob>(() => new ConvolutionJob(ConvolutionJob.Parts, managedWidth));
    }

    /// <summary>One backend for the whole process (one per core, the GEMM <see cref="CreateDefault"/> picks): the default of every model.</summary>
    public static CpuBackend Shared => SharedBackend.Value;

    public void Dispose() => runner.Dispose();

    /// <summary>The kernel runner's jobs of more than one chunk so far, and those it ran on the caller alone (a busy machine).</summary>
    internal (long Jobs, long Alone) ParallelJobCounts => runner.JobCounts;

    private RangeJob CurrentJob => rangeJobs.Value!;

    /// <summary>The backend for this process, with the faster GEMM for this CPU (<see cref="GemmKernelChoice"/>):
    /// <c>AE_BACKEND=managed</c> or <c>AE_BACKEND=openblas</c> forces one.</summary>
    public static CpuBackend CreateDefault(int threads = 0)
    {
        var choice = GemmKernelChoice.ForThisProcess;
        return new CpuBackend(threads, choice.UseOpenBlas) { automaticChoice = choice.Reason };
    }

    // Why the default backend runs the managed GEMM where OpenBLAS is installed; null when it was not chosen automatically.
    private string? automaticChoice;

    public int Threads { get; }

    public bool UsesOpenBlas => blas is not null;

    /// <summary>Which GEMM kernel runs, e.g. "cpu/openblas SKYLAKEX (2 threads)" or "cpu/managed-simd vector512 (2 threads)";
    /// the managed one adds why where OpenBLAS was wanted but failed its self-check.</summary>
    public string Name => blas is not null
        ? $"cpu/openblas {blas.CoreName ?? "(core unknown)"} ({Threads} threads)"
        : $"cpu/managed-simd {managedWidth.Name()} ({Threads} threads{(openBlasRequested && OpenBlasLoader.State.Failure is not null ? "; OpenBLAS failed its self-check" : "")})";

    /// <summary>How the GEMM kernel was chosen, in a sentence or two: the library and its core and who chose it, or why
    /// the managed GEMM runs.</summary>
    public string GemmChoice
    {
        get
        {
            if (blas is not null)
                return $"{blas.Configuration ?? "OpenBLAS"} ({blas.LibraryPath}); core {blas.CoreName ?? "unknown"}: {OpenBlasLoader.State.Choice}";
            string why = automaticChoice is not null && OpenBlasLoader.State.Library is not null ? automaticChoice
                : !openBlasRequested ? "OpenBLAS not wanted (AE_BACKEND=managed, or asked for in code)"
                : OpenBlasLoader.State.Failure ?? OpenBlasLoader.State.Choice;
            return $"managed GEMM, {managedWidth.Name()} (widest here: {ManagedGemmWidths.Widest.Name()}): {why}";
        }
    }

    /// <summary>Runs GEMMs of every awkward shape (1, 7, 17, 63, 65, 257 for each of m, n, k; all transposes; alpha
    /// and beta) through <see cref="MatMul"/> and compares them with a double-precision reference.</summary>
    public GemmCheckResult CheckGemm() => GemmSelfCheck.Run((ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) =>
        MatMul(new Tensor(a, 0, ta ? new Shape(k, m) : new Shape(m, k)), ta, new Tensor(b, 0, tb ? new Shape(n, k) : new Shape(k, n)), tb,
            new Tensor(c, 0, new Shape(m, n)), alpha, beta), GemmSelfCheck.Thorough);

    public void MatMul(Tensor a, bool transposeA, Tensor b, bool transposeB, Tensor c, float alpha, float beta)
    {
        int m = transposeA ? a.Columns : a.Rows, k = transposeA ? a.Rows : a.Columns;
        int kB = transposeB ? b.Columns : b.Rows, n = transposeB ? b.Rows : b.Columns;
        if (k != kB || c.Rows != m || c.Columns != n)
            throw new ArgumentException(
                $"matmul shapes do not fit: op(A) is {m}×{k}, op(B) is {kB}×{n}, C is {c.Rows}×{c.Columns} (A {a.Shape}, B {b.Shape}, C {c.Shape})");
        if (blas is not null)
        {
            GemmJob gemm = gemmJobs.Value!;
            gemm.Set(blas, transposeA, transposeB, m, n, k, alpha, a, b, beta, c);
            runner.Run(gemm, (long)m * n * k >= ParallelGemmWork ? runner.Threads * OpenBlasChunksPerThread : 1);
            gemm.Clear();
        }
        else
            ManagedGemm.Gemm(transposeA, transposeB, m, n, k, alpha, a.Buffer, a.Offset, a.Columns,
                b.Buffer, b.Offset, b.Columns, beta, c.Buffer, c.Offset, c.Columns, managedWidth,
                (long)m * n * k >= ParallelGemmWork ? runner : null, managedGemmJobs.Value);
    }

    public void BroadcastRows(Tensor row, Tensor output)
    {
        RequireRowLength(row, output);
        ReadOnlySpan<float> source = row.Span;
        Span<float> destination = output.Span;
        for (int i = 0; i < output.Rows; i++)
            source.CopyTo(destination.Slice(i * source.Length, source.Length));
    }

    public void SumRows(Tensor matrix, Tensor destination, bool accumulate)
    {
        RequireRowLength(destination, matrix);
        ReadOnlySpan<float> source = matrix.Span;
        Span<float> sums = destination.Span;
        int columns = sums.Length;
        if (!accumulate) sums.Clear();
        for (int i = 0; i < matrix.Rows; i++)
            TensorPrimitives.Add(sums, source.Slice(i * columns, columns), sums);
    }

    public void Copy(Tensor source, Tensor destination)
    {
        RequireSameLength(source, destination);
        source.Span.CopyTo(destination.Span);
    }

    public void Fill(Tensor destination, float value) => destination.Span.Fill(value);

    /// <summary>Runs <paramref name="body"/> over [0, length) in ranges, on every core when the work is large enough.</summary>
    private void ForRanges(int length, delegate*<RangeJob, int, int, int, void> body)
    {
        RangeJob current = CurrentJob;
        current.Length = length;
        current.Body = body;
        runner.Run(current, length >= ParallelThreshold ? runner.MaxChunks : 1);
        current.Clear();
    }

    /// <summary>Runs <paramref name="body"/> over whole items [0, <paramref name="count"/>) (image planes, channels) of
    /// <paramref name="itemSize"/> elements each, on every core when there is enough work; the job's fields set by the caller.</summary>
    private void ForItems(int count, long itemSize, delegate*<RangeJob, int, int, int, void> body)
    {
        RangeJob current = CurrentJob;
        current.Length = count;
        current.Alignment = 1;
        current.Body = body;
        runner.Run(current, count * itemSize >= ParallelThreshold ? Math.Min(count, runner.MaxChunks) : 1);
        current.Clear();
    }

    /// <summary>The sum of the per-chunk results of the last <see cref="ForRanges"/>, in chunk order: the same
    /// whichever threads ran the chunks.</summary>
    private double SumOfPartials()
    {
        RangeJob current = CurrentJob;
        double total = 0;
        for (int i = 0; i < current.PartialCount; i++) total += current.Partials[i];
        return total;
    }

    private static void RequireRowLength(Tensor row, Tensor matrix)
    {
        if (row.Length != matrix.Columns)
            throw new ArgumentException($"expected a row of {matrix.Columns} values for a {matrix.Shape} matrix, received {row.Shape}");
    }

    // Loss kernels pair a prediction with its target element by element; equal counts alone would let a transposed
    // target through, so they compare shapes.
    private static void RequireSameShape(Tensor prediction, Tensor target)
    {
        if (prediction.Shape != target.Shape)
            throw new ArgumentException($"expected a target of shape {prediction.Shape}, received {target.Shape}");
    }

    private static void RequireSameLength(Tensor a, Tensor b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"expected tensors of equal size, received {a.Shape} and {b.Shape}");
    }
}
