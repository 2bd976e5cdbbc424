using Autoencoders.Data;

namespace Autoencoders.Nn.Training;

/// <summary>A contiguous run of another source's rows, without copying: the validation split's two halves.</summary>
internal sealed class RowRange : IBatchSource
{
    private readonly IBatchSource source;
    private readonly int start;
    private int[] shifted = new int[256];

    public RowRange(IBatchSource source, int start, int count)
    {
        if (start < 0 || count < 0 || start + count > source.Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"rows {start}..{start + count} are outside a source of {source.Count}");
        this.source = source;
        this.start = start;
        Count = count;
    }

    public int Count { get; }

    public int FeatureCount => source.FeatureCount;

    public void CopyRows(ReadOnlySpan<int> rowIndices, Span<float> destination)
    {
        if (shifted.Length < rowIndices.Length) shifted = new int[rowIndices.Length];
        for (int i = 0; i < rowIndices.Length; i++)
        {
            if ((uint)rowIndices[i] >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(rowIndices), $"row {rowIndices[i]} is outside a range of {Count}");
            shifted[i] = start + rowIndices[i];
        }
        source.CopyRows(shifted.AsSpan(0, rowIndices.Length), destination);
    }
}
