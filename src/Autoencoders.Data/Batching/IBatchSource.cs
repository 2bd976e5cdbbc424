namespace Autoencoders.Data;

/// <summary>Rows of features that training reads by index, a batch at a time.</summary>
/// <remarks>
/// Training only ever asks for rows by index, so a source may keep its data in memory (<see cref="Dataset"/>)
/// or stream it from disk later without any change to the training loop.
/// </remarks>
public interface IBatchSource
{
    /// <summary>Number of rows (samples).</summary>
    int Count { get; }

    /// <summary>Number of features per row.</summary>
    int FeatureCount { get; }

    /// <summary>Copies the rows at <paramref name="rowIndices"/>, in that order, into <paramref name="destination"/>.</summary>
    /// <remarks>Shape: destination is <c>(rowIndices.Length, FeatureCount)</c> row-major; it may be longer.</remarks>
    void CopyRows(ReadOnlySpan<int> rowIndices, Span<float> destination);
}
