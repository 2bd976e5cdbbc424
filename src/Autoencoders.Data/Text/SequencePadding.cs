namespace Autoencoders.Data.Text;

/// <summary>
/// Keras's <c>pad_sequences</c>: sequences of ids to one (count, maxLength) block. Shorter ones are filled with
/// <c>value</c>, longer ones cut, both at the start by default ("pre") or at the end ("post");
/// <c>[[1], [2, 3], [4, 5, 6]]</c> → <c>[[0, 0, 1], [0, 2, 3], [4, 5, 6]]</c>.
/// </summary>
public static class SequencePadding
{
    /// <summary>The padded block, row-major; <paramref name="maxLength"/> null: the longest sequence's length.</summary>
    public static int[,] Pad(IReadOnlyList<IReadOnlyList<int>> sequences, int? maxLength = null,
        PaddingSide padding = PaddingSide.Pre, PaddingSide truncating = PaddingSide.Pre, int value = 0)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (maxLength is < 0)
            throw new ArgumentOutOfRangeException(nameof(maxLength), $"expected a length of at least 0, received {maxLength}");
        int length = maxLength ?? sequences.Select(s => s.Count).DefaultIfEmpty(0).Max();
        var block = new int[sequences.Count, length];
        for (int row = 0; row < sequences.Count; row++)
        {
            var sequence = sequences[row];
            int kept = Math.Min(sequence.Count, length);
            int from = truncating == PaddingSide.Pre ? sequence.Count - kept : 0;
            int to = padding == PaddingSide.Pre ? length - kept : 0;
            for (int column = 0; column < length; column++) block[row, column] = value;
            for (int i = 0; i < kept; i++) block[row, to + i] = sequence[from + i];
        }
        return block;
    }

    /// <summary>The padded block as float32 ids, the layout an Embedding layer reads: (count × maxLength).</summary>
    public static float[] PadToFloats(IReadOnlyList<IReadOnlyList<int>> sequences, int maxLength,
        PaddingSide padding = PaddingSide.Pre, PaddingSide truncating = PaddingSide.Pre, int value = 0)
    {
        int[,] block = Pad(sequences, maxLength, padding, truncating, value);
        var values = new float[block.Length];
        int i = 0;
        foreach (int id in block) values[i++] = id;
        return values;
    }
}
