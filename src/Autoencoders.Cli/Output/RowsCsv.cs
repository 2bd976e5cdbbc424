using System.Globalization;
using System.Text;

namespace Autoencoders.Cli.Output;

/// <summary>Rows of floats as CSV: a header <c>p1..pN[,label]</c>, each value round-trippable ("R"), labels last.</summary>
internal static class RowsCsv
{
    /// <param name="values">(rows, <paramref name="width"/>) row-major.</param>
    /// <param name="columnPrefix">"z" for codes, "x" for samples.</param>
    public static string Format(float[] values, int width, string columnPrefix, int[]? labels)
    {
        var csv = new StringBuilder(string.Join(",", Enumerable.Range(1, width).Select(i => $"{columnPrefix}{i}")));
        if (labels is not null) csv.Append(",label");
        csv.Append('\n');
        for (int row = 0; row < values.Length / width; row++)
        {
            for (int j = 0; j < width; j++)
            {
                if (j > 0) csv.Append(',');
                csv.Append(values[row * width + j].ToString("R", CultureInfo.InvariantCulture));
            }
            if (labels is not null) csv.Append(',').Append(labels[row]);
            csv.Append('\n');
        }
        return csv.ToString();
    }
}
