using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests.Kernels;

/// <summary>Both GEMMs (OpenBLAS split over threads, and the managed one) against a naive loop in double, at awkward sizes.</summary>
public sealed class GemmTests
{
    private static readonly CpuBackend OpenBlas = new(threads: 2);
    private static readonly CpuBackend Managed = new(threads: 2, useOpenBlas: false);

    public static TheoryData<int, int, int> Sizes => new() { { 1, 1, 1 }, { 3, 7, 9 }, { 8, 17, 1 }, { 33, 9, 64 }, { 65, 127, 3 }, { 127, 65, 17 }, { 300, 40, 50 }, { 40, 300, 64 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void OpenBlasMatchesNaive(int m, int n, int k)
    {
        Assert.True(OpenBlas.UsesOpenBlas, "OpenBLAS is not installed (Debian: libopenblas0-pthread; .ci/run installs it)");
        AllTransposes(OpenBlas, m, n, k);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ManagedMatchesNaive(int m, int n, int k) => AllTransposes(Managed, m, n, k);

    private static void AllTransposes(CpuBackend backend, int m, int n, int k)
    {
        var random = new Random(m * 1000 + n * 10 + k);
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
            {
                // Views at a non-zero offset into larger buffers, as parameters are.
                var a = View(random, ta ? new Shape(k, m) : new Shape(m, k), offset: 3);
                var b = View(random, tb ? new Shape(n, k) : new Shape(k, n), offset: 5);
                var c = View(random, new Shape(m, n), offset: 7);
                double[] expected = Naive(a, ta, b, tb, c, alpha: 0.5, beta: -1.5, m, n, k);
                backend.MatMul(a, ta, b, tb, c, 0.5f, -1.5f);
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(Math.Abs(expected[i] - c.Span[i]) <= 1e-4 * (1 + Math.Abs(expected[i])),
                        $"{backend.Name} m={m} n={n} k={k} ta={ta} tb={tb} element {i}: expected {expected[i]}, got {c.Span[i]}");
            }
    }

    private static Tensor View(Random random, Shape shape, int offset)
    {
        var buffer = new float[shape.ElementCount + offset + 4];
        for (int i = 0; i < buffer.Length; i++) buffer[i] = random.NextSingle() * 2 - 1;
        return new Tensor(buffer, offset, shape);
    }

    private static double[] Naive(Tensor a, bool ta, Tensor b, bool tb, Tensor c, double alpha, double beta, int m, int n, int k)
    {
        var result = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                    sum += (double)(ta ? a.Span[p * m + i] : a.Span[i * k + p]) * (tb ? b.Span[j * k + p] : b.Span[p * n + j]);
                result[i * n + j] = alpha * sum + beta * c.Span[i * n + j];
            }
        return result;
    }
}
