using System.Globalization;
using System.Text;

namespace Autoencoders.Cli.Commands.Text;

/// <summary>Id sequences printed as the tutorial's Python prints them: a list of lists, and a NumPy matrix.</summary>
internal static class SequenceText
{
    /// <summary><c>[[17, 9], [34, 36]]</c>, the first <paramref name="rows"/> sequences.</summary>
    public static string PythonList(IReadOnlyList<int[]> sequences, int rows) =>
        "[" + string.Join(", ", sequences.Take(rows).Select(s => "[" + string.Join(", ", s) + "]")) + (sequences.Count > rows ? ", …" : "") + "]";

    /// <summary>NumPy's layout: every number right-aligned to the widest, rows on their own lines.</summary>
    public static string NumpyMatrix(float[] values, int columns, int rows)
    {
        int count = Math.Min(rows, values.Length / columns);
        int width = values.AsSpan(0, count * columns).ToArray().Select(v => ((int)v).ToString(CultureInfo.InvariantCulture).Length).DefaultIfEmpty(1).Max();
        var text = new StringBuilder("[");
        for (int row = 0; row < count; row++)
        {
            text.Append(row == 0 ? "[" : " [");
            for (int column = 0; column < columns; column++)
            {
                if (column > 0) text.Append(' ');
                text.Append(((int)values[row * columns + column]).ToString(CultureInfo.InvariantCulture).PadLeft(width));
            }
            text.Append(']').Append(row + 1 < count ? "\n" : "");
        }
        return text.Append(values.Length / columns > rows ? "\n …]" : "]").ToString();
    }
}
