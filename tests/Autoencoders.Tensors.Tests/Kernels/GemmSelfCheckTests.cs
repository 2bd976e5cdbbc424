using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests.Kernels;

/// <summary>The self-check that OpenBLAS must pass when it loads (and <c>ae backend</c> runs): it passes a right GEMM
/// and catches the ways a kernel goes wrong — rounding to less than float32, a dropped term, a wrong transpose.</summary>
public sealed class GemmSelfCheckTests
{
    [Fact]
    public void ARightGemmPassesWellInsideTheBound()
    {
        var result = GemmSelfCheck.Run(Naive(), GemmSelfCheck.Quick);

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(GemmSelfCheck.Quick.Length * 4 + 4 * 1, result.Cases); // (1, 1, 1) is square: beta 0 as well
        Assert.InRange(result.WorstErrorRatio, 0, 0.5);
    }

    [Fact]
    public void RoundingToBfloat16IsCaught()
    {
        static float Bfloat16(float value) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(value) & unchecked((int)0xFFFF0000));
        var result = GemmSelfCheck.Run(Naive(round: Bfloat16), GemmSelfCheck.Quick);

        Assert.False(result.Passed);
        Assert.Contains("expected", result.FirstFailure);
    }

    [Fact]
    public void ADroppedTermIsCaught()
    {
        var result = GemmSelfCheck.Run(Naive(skipLastTerm: true), GemmSelfCheck.Quick);

        Assert.False(result.Passed);
        Assert.StartsWith("m=1 n=1 k=1", result.FirstFailure);
    }

    [Fact]
    public void AWrongTransposeIsCaught()
    {
        GemmFunction right = Naive();
        var swapped = GemmSelfCheck.Run((ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) =>
            right(!ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc), [(7, 7, 7)]);
        Assert.False(swapped.Passed);
    }

    [Fact]
    public void EveryBackendHereChecksOut()
    {
        Assert.True(TestBackends.Managed.CheckGemm().Passed, TestBackends.Managed.Name);
        if (TestBackends.HasOpenBlas)
        {
            var result = TestBackends.Parallel.CheckGemm();
            Assert.True(result.Passed, $"{TestBackends.Parallel.Name}: {result}");
            Assert.Equal(GemmSelfCheck.AwkwardSizes.Length * GemmSelfCheck.AwkwardSizes.Length * GemmSelfCheck.AwkwardSizes.Length * 4
                         + GemmSelfCheck.AwkwardSizes.Length * 4, result.Cases);
        }
    }

    /// <summary>A float32 triple loop, with ways to go wrong.</summary>
    private static GemmFunction Naive(Func<float, float>? round = null, bool skipLastTerm = false) =>
        (ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) =>
        {
            round ??= value => value;
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    float sum = 0f;
                    for (int p = 0; p < (skipLastTerm ? k - 1 : k); p++)
                        sum = round(sum + round((ta ? a[p * lda + i] : a[i * lda + p]) * (tb ? b[j * ldb + p] : b[p * ldb + j])));
                    c[i * ldc + j] = alpha * sum + (beta == 0f ? 0f : beta * c[i * ldc + j]);
                }
        };
}
