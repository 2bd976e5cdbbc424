namespace Autoencoders.Data.Ratings;

/// <summary>
/// A sparse matrix of ratings in compressed sparse row form (CSR): row r's ratings are
/// <c>Values[RowStarts[r]..RowStarts[r + 1]]</c> in the columns <c>ColumnIndices</c> of the same range, sorted.
/// Rows are users and columns items (or the transpose, for item-based models). Dense rows exist only per batch
/// (<see cref="FillDense"/>), so that 138k × 27k (ML-20M) costs 20M ratings × 8 bytes, not 3.7G cells.
/// </summary>
public sealed class RatingMatrix
{
    private readonly int[] rowStarts;
    private readonly int[] columnIndices;
    private readonly float[] values;

    /// <summary>A matrix over already-built CSR arrays (sorted columns within each row, no repeats).</summary>
    public RatingMatrix(int rows, int columns, int[] rowStarts, int[] columnIndices, float[] values)
    {
        if (rowStarts.Length != rows + 1 || rowStarts[rows] != values.Length || columnIndices.Length != values.Length)
            throw new ArgumentException($"expected {rows + 1} row starts ending at {values.Length} ratings, received {rowStarts.Length} ending at {rowStarts[^1]}");
        Rows = rows;
        Columns = columns;
        this.rowStarts = rowStarts;
        this.columnIndices = columnIndices;
        this.values = values;
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>The number of ratings stored.</summary>
    public int Count => values.Length;

    public ReadOnlySpan<int> RowStarts => rowStarts;

    public ReadOnlySpan<int> ColumnIndices => columnIndices;

    public ReadOnlySpan<float> Values => values;

    /// <summary>The columns rated in row <paramref name="row"/>, ascending.</summary>
    public ReadOnlySpan<int> ColumnsOf(int row) => columnIndices.AsSpan(rowStarts[row], rowStarts[row + 1] - rowStarts[row]);

    public ReadOnlySpan<float> ValuesOf(int row) => values.AsSpan(rowStarts[row], rowStarts[row + 1] - rowStarts[row]);

    public int CountOf(int row) => rowStarts[row + 1] - rowStarts[row];

    /// <summary>The rating at (row, column), or null when that cell is not rated (binary search in the row).</summary>
    public float? Find(int row, int column)
    {
        int at = ColumnsOf(row).BinarySearch(column);
        return at >= 0 ? values[rowStarts[row] + at] : null;
    }

    /// <summary>The mean of every stored rating (0 for an empty matrix).</summary>
    public double Mean()
    {
        double sum = 0;
        foreach (float value in values) sum += value;
        return values.Length == 0 ? 0 : sum / values.Length;
    }

    /// <summary>
    /// Writes the given rows densely, (rows.Length, Columns) row-major: <paramref name="ratings"/> holds each rating
    /// (0 elsewhere) and <paramref name="observed"/> 1 where a rating exists, 0 elsewhere (pass an empty span to skip it).
    /// </summary>
    public void FillDense(ReadOnlySpan<int> rows, Span<float> ratings, Span<float> observed)
    {
        if (ratings.Length != rows.Length * Columns || (!observed.IsEmpty && observed.Length != ratings.Length))
            throw new ArgumentException($"expected buffers of {rows.Length} × {Columns} values, received {ratings.Length} and {observed.Length}");
        ratings.Clear();
        observed.Clear();
        for (int i = 0; i < rows.Length; i++)
        {
            Span<float> ratingRow = ratings.Slice(i * Columns, Columns);
            ReadOnlySpan<int> columns = ColumnsOf(rows[i]);
            ReadOnlySpan<float> rowValues = ValuesOf(rows[i]);
            for (int k = 0; k < columns.Length; k++) ratingRow[columns[k]] = rowValues[k];
            if (observed.IsEmpty) continue;
            Span<float> observedRow = observed.Slice(i * Columns, Columns);
            foreach (int column in columns) observedRow[column] = 1f;
        }
    }

    /// <summary>The transpose (items × users from users × items), by a counting sort: O(ratings), columns stay sorted.</summary>
    public RatingMatrix Transpose()
    {
        var starts = new int[Columns + 1];
        foreach (int column in columnIndices) starts[column + 1]++;
        for (int c = 0; c < Columns; c++) starts[c + 1] += starts[c];
        var next = starts[..^1].ToArray();
        var transposedColumns = new int[Count];
        var transposedValues = new float[Count];
        for (int row = 0; row < Rows; row++)
            for (int k = rowStarts[row]; k < rowStarts[row + 1]; k++)
            {
                int at = next[columnIndices[k]]++;
                transposedColumns[at] = row;
                transposedValues[at] = values[k];
            }
        return new RatingMatrix(Columns, Rows, starts, transposedColumns, transposedValues);
    }

    /// <summary>
    /// Builds the matrix from (row, column, value) triples in any order. A repeated (row, column) pair calls
    /// <paramref name="duplicate"/> with the two triples' positions (earlier first), whose exception is thrown.
    /// </summary>
    public static RatingMatrix FromTriples(int rows, int columns, ReadOnlySpan<int> rowOf, ReadOnlySpan<int> columnOf, ReadOnlySpan<float> valueOf,
        Func<int, int, Exception> duplicate)
    {
        int count = rowOf.Length;
        var starts = new int[rows + 1];
        foreach (int row in rowOf) starts[row + 1]++;
        for (int r = 0; r < rows; r++) starts[r + 1] += starts[r];
        var next = starts[..^1].ToArray();
        var order = new int[count];
        for (int i = 0; i < count; i++) order[next[rowOf[i]]++] = i;
        var columnIndices = new int[count];
        var values = new float[count];
        for (int r = 0; r < rows; r++)
        {
            int start = starts[r], length = starts[r + 1] - start;
            Span<int> keys = columnIndices.AsSpan(start, length);
            Span<int> positions = order.AsSpan(start, length);
            for (int k = 0; k < length; k++) keys[k] = columnOf[positions[k]];
            keys.Sort(positions);
            for (int k = 0; k < length; k++)
            {
                if (k > 0 && keys[k] == keys[k - 1])
                    throw duplicate(Math.Min(positions[k - 1], positions[k]), Math.Max(positions[k - 1], positions[k]));
                values[start + k] = valueOf[positions[k]];
            }
        }
        return new RatingMatrix(rows, columns, starts, columnIndices, values);
    }
}
