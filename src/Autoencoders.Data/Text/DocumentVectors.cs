namespace Autoencoders.Data.Text;

/// <summary>Row-wise scalings of bag-of-words matrices (documents × vocabulary, row-major), in place.</summary>
public static class DocumentVectors
{
    /// <summary>KATE's input: log(1 + count), each row divided by its largest value, so that every value lies in [0, 1]
    /// (a sigmoid decoder under binary cross-entropy can reach it). An empty row stays 0.</summary>
    public static void LogNormalize(Span<float> counts, int columns)
    {
        RequireRows(counts.Length, columns);
        for (int start = 0; start < counts.Length; start += columns)
        {
            Span<float> row = counts.Slice(start, columns);
            float largest = 0;
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = MathF.Log(1 + row[j]);
                largest = Math.Max(largest, row[j]);
            }
            if (largest > 0)
                for (int j = 0; j < row.Length; j++) row[j] /= largest;
        }
    }

    /// <summary>Each row scaled to unit Euclidean length (scikit-learn's norm="l2"), so that dot products are cosines.
    /// An all-zero row stays 0.</summary>
    public static void L2Normalize(Span<float> rows, int columns)
    {
        RequireRows(rows.Length, columns);
        for (int start = 0; start < rows.Length; start += columns)
        {
            Span<float> row = rows.Slice(start, columns);
            double squares = 0;
            foreach (float v in row) squares += (double)v * v;
            if (squares == 0) continue;
            float scale = (float)(1 / Math.Sqrt(squares));
            for (int j = 0; j < row.Length; j++) row[j] *= scale;
        }
    }

    private static void RequireRows(int length, int columns)
    {
        if (columns <= 0 || length % columns != 0)
            throw new ArgumentException($"expected rows of {columns} values, received {length} values");
    }
}
