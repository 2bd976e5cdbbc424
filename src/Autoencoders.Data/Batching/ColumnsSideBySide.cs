using System.Runtime.InteropServices;

namespace Autoencoders.Data;

/// <summary>
/// Several sources of the same samples read as one: each row holds the first source's values, then the second's, and
/// so on. This is how a model of several inputs (a functional model with two Inputs) takes its data through Fit,
/// Evaluate and Predict, and how targets for several outputs line up with the model's packed outputs.
/// </summary>
public sealed class ColumnsSideBySide : IBatchSource
{
    private readonly IBatchSource[] sources;

    public ColumnsSideBySide(params IBatchSource[] sources)
    {
        if (sources.Length == 0)
            throw new ArgumentException("expected at least one source, received none");
        foreach (var source in sources)
            if (source.Count != sources[0].Count)
                throw new ArgumentException($"expected sources of one sample count, received {string.Join(" and ", sources.Select(s => s.Count))} samples");
        this.sources = sources;
        FeatureCount = sources.Sum(s => s.FeatureCount);
    }

    public int Count => sources[0].Count;

    public int FeatureCount { get; }

    public void CopyRows(ReadOnlySpan<int> rowIndices, Span<float> destination)
    {
        // Row by row, each source into its columns: a source writes whole rows, so it is asked for one row at a time.
        for (int r = 0; r < rowIndices.Length; r++)
        {
            ReadOnlySpan<int> one = MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetReference(rowIndices[r..]), 1);
            Span<float> row = destination.Slice(r * FeatureCount, FeatureCount);
            foreach (var source in sources)
            {
                source.CopyRows(one, row[..source.FeatureCount]);
                row = row[source.FeatureCount..];
            }
        }
    }
}
