using Autoencoders.Tensors.Backends.Cpu;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.Kernels;

/// <summary>
/// Both GEMMs (OpenBLAS split over the backend's threads, with the core this process loaded, and the managed SIMD
/// one at every vector width this CPU runs) against a naive triple loop in double: every m, n, k in
/// {1, 3, 7, 8, 9, 17, 33, 63, 64, 65, 127} (either side of the SIMD widths and of the managed kernel's 6-row tiles),
/// all four transpose combinations, alpha and beta other than 1 and 0, and operands that are views at non-zero offsets
/// into larger buffers, whose other elements must stay untouched. Tolerance: the float32 bound for a sum of k
/// products, (k + 4) · 2⁻²⁴ · (Σₚ |alpha · a · b| + |beta · c|). OpenBLAS under its other cores runs in child
/// processes (ae backend, in the command-line tests), since a process loads one core.
/// </summary>
public sealed class GemmTests
{
    private static readonly int[] Sizes = [1, 3, 7, 8, 9, 17, 33, 63, 64, 65, 127];

    public static TheoryData<int> Rows => new(Sizes);

    // Past the managed GEMM's K slices (128, 256 or 512 by width) and its 96-row blocks, too.
    public static TheoryData<int, int, int> Large => new() { { 300, 40, 50 }, { 40, 300, 64 }, { 257, 129, 31 }, { 128, 128, 128 }, { 97, 65, 600 }, { 63, 257, 257 } };

    // Widths as their bit counts (the enum is internal, test methods are public).
    public static TheoryData<int, int> WidthsAndRows
    {
        get
        {
            var data = new TheoryData<int, int>();
            foreach (var width in ManagedGemmWidths.Available)
                foreach (int m in Sizes) data.Add((int)width, m);
            return data;
        }
    }

    public static TheoryData<int> Widths => new(ManagedGemmWidths.Available.Select(width => (int)width));

    [OpenBlasTheory]
    [MemberData(nameof(Rows))]
    public void OpenBlasMatchesANaiveLoop(int m) => EveryShape(OpenBlas(), m);

    [Theory]
    [MemberData(nameof(WidthsAndRows))]
    public void ManagedMatchesANaiveLoop(int width, int m) => EveryShape(TestBackends.ManagedAt((ManagedGemmWidth)width), m);

    // Above the backend's threshold (2^18 multiply-adds) the GEMM is split by rows (m ≥ n) or columns (m < n).
    [OpenBlasTheory]
    [MemberData(nameof(Large))]
    public void OpenBlasSplitOverThreadsMatchesANaiveLoop(int m, int n, int k) => AllTransposes(OpenBlas(), m, n, k);

    [Theory]
    [MemberData(nameof(Large))]
    public void ManagedSplitOverThreadsMatchesANaiveLoop(int m, int n, int k)
    {
        foreach (var width in ManagedGemmWidths.Available)
            AllTransposes(TestBackends.ManagedAt(width), m, n, k);
    }

    // Each element is summed over K in one order whatever the width, the blocks or the threads: the same bits. The shapes
    // take each path: B packed (97 × 77), B read in place (a short A, 30 rows), C computed transposed (20 columns).
    [Theory]
    [InlineData(97, 77, true)]
    [InlineData(97, 77, false)]
    [InlineData(30, 77, false)]
    [InlineData(97, 20, true)]
    [InlineData(97, 20, false)]
    public void ManagedGivesTheSameBitsAtEveryWidthAndThreadCount(int m, int n, bool transposeB)
    {
        var random = new Random(3);
        var a = new Tensor(new Shape(m, 600), Uniform(random, m * 600));
        var b = transposeB ? new Tensor(new Shape(n, 600), Uniform(random, n * 600)) : new Tensor(new Shape(600, n), Uniform(random, 600 * n));
        float[]? first = null;
        foreach (var width in ManagedGemmWidths.Available)
            foreach (int threads in new[] { 1, 2, 3 })
            {
                using var backend = new CpuBackend(threads, useOpenBlas: false, width);
                var c = new Tensor(new Shape(m, n));
                backend.MatMul(a, false, b, transposeB, c, 0.5f, 0f);
                float[] bits = c.Span.ToArray();
                first ??= bits;
                Assert.True(first.AsSpan().SequenceEqual(bits), $"{backend.Name} differs from {ManagedGemmWidths.Available.First().Name()} on 1 thread");
            }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void ManagedNameSaysItsWidth(int width) =>
        Assert.StartsWith($"cpu/managed-simd vector{width} (3 threads", TestBackends.ManagedAt((ManagedGemmWidth)width).Name);

    [OpenBlasFact]
    public void OpenBlasNameSaysItsCore()
    {
        var state = OpenBlasLoader.State;
        Assert.Matches(@"^cpu/openblas [A-Z0-9_]+ \(3 threads\)$", TestBackends.OpenBlas.Name);
        Assert.Contains(state.Library!.CoreName!, TestBackends.OpenBlas.Name);
        Assert.Contains(state.Choice, TestBackends.OpenBlas.GemmChoice);
    }

    [OpenBlasFact]
    public void OpenBlasBetaZeroIgnoresWhateverCHeld() => BetaZero(OpenBlas());

    [Theory]
    [MemberData(nameof(Widths))]
    public void ManagedBetaZeroIgnoresWhateverCHeld(int width) => BetaZero(TestBackends.ManagedAt((ManagedGemmWidth)width));

    [OpenBlasFact]
    public void OpenBlasEmptyDimensions() => EmptyDimensions(OpenBlas());

    [Fact]
    public void ManagedEmptyDimensions() => EmptyDimensions(TestBackends.Managed);

    [Fact]
    public void MismatchedShapesAreRejectedWithBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            TestBackends.Managed.MatMul(new Tensor(new Shape(3, 4)), false, new Tensor(new Shape(5, 2)), false, new Tensor(new Shape(3, 2)), 1f, 0f));
        Assert.Contains("op(A) is 3×4, op(B) is 5×2", error.Message);
    }

    private static CpuBackend OpenBlas()
    {
        Assert.True(TestBackends.OpenBlas.UsesOpenBlas, TestBackends.OpenBlas.Name);
        return TestBackends.OpenBlas;
    }

    private static void BetaZero(CpuBackend backend)
    {
        // Arena tensors are uninitialised: with beta = 0, NaN in C must not leak through as 0 · NaN.
        foreach (int size in new[] { 1, 9, 65 })
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                    Case(backend, size, size + 2, size + 1, ta, tb, alpha: 1.25f, beta: 0f, initialC: float.NaN);
    }

    private static void EmptyDimensions(CpuBackend backend)
    {
        Case(backend, 3, 4, 0, false, false, alpha: 1f, beta: 0.5f); // k = 0: C = beta · C
        Case(backend, 0, 4, 3, false, false, alpha: 1f, beta: 0.5f);
        Case(backend, 3, 0, 4, true, true, alpha: 1f, beta: 0.5f);
    }

    private static void EveryShape(CpuBackend backend, int m)
    {
        foreach (int n in Sizes)
            foreach (int k in Sizes)
                AllTransposes(backend, m, n, k);
    }

    private static void AllTransposes(CpuBackend backend, int m, int n, int k)
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                Case(backend, m, n, k, ta, tb, alpha: 0.75f, beta: -0.5f);
    }

    private static void Case(CpuBackend backend, int m, int n, int k, bool ta, bool tb, float alpha, float beta, float? initialC = null)
    {
        var random = new Random(HashCode.Combine(m, n, k, ta, tb));
        float[] av = Uniform(random, m * k), bv = Uniform(random, k * n), cv = Uniform(random, m * n);
        if (initialC is { } fill) Array.Fill(cv, fill);
        // op(A) is m × k: A is stored (k, m) when transposed; likewise B.
        Tensor a = GuardedView(ta ? new Shape(k, m) : new Shape(m, k), av, offset: 3);
        Tensor b = GuardedView(tb ? new Shape(n, k) : new Shape(k, n), bv, offset: 5);
        Tensor c = GuardedView(new Shape(m, n), cv, offset: 7);

        backend.MatMul(a, ta, b, tb, c, alpha, beta);

        string what = $"{backend.Name}: m={m} n={n} k={k} transposeA={ta} transposeB={tb} alpha={alpha} beta={beta}";
        ReadOnlySpan<float> result = c.Span;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                var (expected, allowed) = GemmSelfCheck.Reference(av, bv, cv, m, n, k, ta, tb, alpha, beta, i, j);
                double actual = result[i * n + j];
                if (!(Math.Abs(actual - expected) <= allowed))
                    Assert.Fail($"{what}: C[{i}, {j}] is {actual:G9}, expected {expected:G9} (allowed difference {allowed:G3})");
            }
        AssertGuardsIntact(c, what);
        AssertGuardsIntact(a, what + " (A)");
        AssertGuardsIntact(b, what + " (B)");
    }
}
