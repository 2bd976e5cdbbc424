namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>One managed GEMM's blocks of rows, claimed by the backend's <see cref="ParallelRunner"/> (a job per calling
/// thread, reused, so that splitting a GEMM over the cores allocates nothing: no closure, no Parallel.For).</summary>
internal sealed class ManagedGemmJob : IParallelJob
{
    private ManagedGemm.Operands operands;
    private ManagedGemmWidth width;
    private int blockRows, blocks, panelWidth;
    private float[]? packedB;

    private bool packing;

    /// <summary>The multiply phase: blocks of rows of C, against B packed before (or read in place: null).</summary>
    public void Set(ManagedGemmWidth gemmWidth, in ManagedGemm.Operands gemm, int rowsPerBlock, int blockCount, int panel, float[]? packed) =>
        (packing, width, operands, blockRows, blocks, panelWidth, packedB) = (false, gemmWidth, gemm, rowsPerBlock, blockCount, panel, packed);

    /// <summary>The packing phase: B's column panels shared out, each packed by one thread into its own part of <paramref name="packed"/>.</summary>
    public void SetPacking(in ManagedGemm.Operands gemm, int panel, int panelCount, float[] packed) =>
        (packing, operands, panelWidth, blocks, packedB) = (true, gemm, panel, panelCount, packed);

    public void Clear()
    {
        operands = default;
        packedB = null;
    }

    public void Execute(int part, int parts)
    {
        var (start, end) = ParallelRunner.Range(blocks, part, parts, alignment: 1);
        if (packing)
        {
            ManagedGemm.PackB(operands, panelWidth, packedB!, start, end);
            return;
        }
        for (int block = start; block < end; block++)
            ManagedGemm.MultiplyBlock(width, operands, block, blockRows, panelWidth, packedB);
    }
}
