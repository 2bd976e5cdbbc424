using System.Globalization;
using System.Text;

namespace Autoencoders.Data;

/// <summary>Reads a CSV file of numeric columns, with an optional header and label column, into a <see cref="Dataset"/>.</summary>
/// <remarks>
/// Comma-separated, invariant culture (a dot for decimals, whatever the machine's locale). Blank lines are
/// skipped. Every error names the file, the line and the column, since a bad cell in a large file is
/// otherwise hard to find. NaN and infinities are rejected: one of them silently poisons every gradient.
/// </remarks>
public static class CsvDatasetReader
{
    private const int LongestQuotedCell = 40;

    /// <summary>Reads <paramref name="path"/>; values are kept as they are (scale them with <see cref="MinMaxScaler"/>).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A cell is not a finite number, a row is ragged, or the label column is missing.</exception>
    public static Dataset Read(string path, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new CsvOptions();
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found (expected a CSV file)", path);
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using IEnumerator<(int Line, string[] Cells)> rows = ReadRows(reader, path).GetEnumerator();
        if (!rows.MoveNext())
        {
            throw DataErrors.Invalid(path, "no data rows (the file is empty)");
        }

        (int firstLine, string[] firstCells) = rows.Current;
        bool hasHeader = options.HasHeader ?? LooksLikeHeader(firstCells, options.LabelColumn);
        string[]? columnNames = hasHeader ? firstCells : null;
        int columnCount = firstCells.Length;
        int? labelIndex = ResolveLabelColumn(options.LabelColumn, columnNames, columnCount, path);
        int featureCount = columnCount - (labelIndex is null ? 0 : 1);
        if (featureCount == 0)
        {
            throw DataErrors.Invalid(path, $"line {firstLine}: no feature columns besides the label column");
        }

        var features = new List<float>();
        List<string>? labelTexts = labelIndex is null ? null : new List<string>();
        bool pending = !hasHeader;
        while (pending || rows.MoveNext())
        {
            pending = false;
            (int line, string[] cells) = rows.Current;
            CheckRowLength(cells, columnCount, line, columnNames, path);
            for (int column = 0; column < cells.Length; column++)
            {
                if (column == labelIndex)
                {
                    labelTexts!.Add(cells[column].Length > 0
                        ? cells[column]
                        : throw DataErrors.Invalid(path, $"line {line}, {DescribeColumn(column, columnNames)}: empty label"));
                }
                else
                {
                    features.Add(ParseNumber(cells[column], line, DescribeColumn(column, columnNames), path));
                }
            }
        }

        if (features.Count == 0)
        {
            throw DataErrors.Invalid(path, "no data rows, only a header");
        }
        IReadOnlyList<string>? classNames = null;
        int[]? labels = labelTexts is null ? null : CsvLabels.Map(labelTexts, out classNames);
        return new Dataset(features.ToArray(), featureCount, labels, sampleShape: null, classNames);
    }

    private static IEnumerable<(int Line, string[] Cells)> ReadRows(StreamReader reader, string path)
    {
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (lineNumber, CsvLineSplitter.Split(line, path, lineNumber));
            }
        }
    }

    // A header is a first row with text where data would have numbers; a label column given by index may hold text in data rows too.
    private static bool LooksLikeHeader(string[] cells, string? labelColumn)
    {
        if (labelColumn is not null && cells.Contains(labelColumn, StringComparer.Ordinal))
        {
            return true;
        }
        int? labelIndex = ParseIndex(labelColumn);
        return cells.Where((cell, column) => column != labelIndex).Any(cell => !IsNumber(cell));
    }

    private static int? ResolveLabelColumn(string? labelColumn, string[]? columnNames, int columnCount, string path)
    {
        if (labelColumn is null)
        {
            return null;
        }
        int named = columnNames is null ? -1 : Array.IndexOf(columnNames, labelColumn);
        if (named >= 0)
        {
            return named;
        }
        if (ParseIndex(labelColumn) is int index && index < columnCount)
        {
            return index;
        }
        string known = columnNames is null
            ? $"the file has no header row, so give a zero-based column index below {columnCount}"
            : $"columns are {string.Join(", ", columnNames.Select(name => $"\"{name}\""))}";
        throw DataErrors.Invalid(path, $"label column \"{labelColumn}\" not found; {known}");
    }

    private static void CheckRowLength(string[] cells, int columnCount, int line, string[]? columnNames, string path)
    {
        if (cells.Length < columnCount)
        {
            throw DataErrors.Invalid(path, $"line {line}, {DescribeColumn(cells.Length, columnNames)}: missing; the row has {cells.Length} cells, expected {columnCount}");
        }
        if (cells.Length > columnCount)
        {
            throw DataErrors.Invalid(path, $"line {line}, column {columnCount + 1}: unexpected extra cell; the row has {cells.Length} cells, expected {columnCount}");
        }
    }

    private static float ParseNumber(string cell, int line, string column, string path)
    {
        if (cell.Length == 0)
        {
            throw DataErrors.Invalid(path, $"line {line}, {column}: empty cell, expected a number");
        }
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw DataErrors.Invalid(path, $"line {line}, {column}: {Quote(cell)} is not a number");
        }
        if (double.IsNaN(value))
        {
            throw DataErrors.Invalid(path, $"line {line}, {column}: {Quote(cell)} (NaN) is not allowed; fill in or drop missing values first");
        }
        float single = (float)value;
        if (!float.IsFinite(single))
        {
            throw DataErrors.Invalid(path, $"line {line}, {column}: {Quote(cell)} is not a finite float32 number");
        }
        return single;
    }

    private static bool IsNumber(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static int? ParseIndex(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int index) ? index : null;

    private static string DescribeColumn(int column, string[]? columnNames) =>
        columnNames is not null && column < columnNames.Length ? $"column \"{columnNames[column]}\"" : $"column {column + 1}";

    private static string Quote(string cell) =>
        cell.Length <= LongestQuotedCell ? $"\"{cell}\"" : $"\"{cell[..LongestQuotedCell]}…\"";
}
