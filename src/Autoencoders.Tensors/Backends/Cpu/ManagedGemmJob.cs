namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>One managed GEMM's blocks of rows, claimed by the backend's <see cref="ParallelRunner"/> (a job per calling
/// thread, reused, so that splitting a GEMM over the cores allocates nothing: no closure, no Parallel.For).</summary>
internal sealed class ManagedGemmJob : IParallelJob
{
    private ManagedGemm.Operands operands;
    private ManagedGemmWidth width;
    private int blockRows, blocks, panelWidth;
    private float[]? packedB;

    public void Set(ManagedGemmWidth gemmWidth, in ManagedGemm.Operands gemm, int rowsPerBlock, int blockCount, int panel, float[] packed) =>
        (width, operands, blockRows, blocks, panelWidth, packedB) = (gemmWidth, gemm, rowsPerBlock, blockCount, panel, packed);

    public void Clear()
    {
        operands = default;
        packedB = null;
    }

    public void Execute(int part, int parts)
    {
        var (start, end) = ParallelRunner.Range(blocks, part, parts, alignment: 1);
        for (int block = start; block < end; block++)
            ManagedGemm.MultiplyBlock(width, operands, block, blockRows, panelWidth, packedB!);
    }
}
