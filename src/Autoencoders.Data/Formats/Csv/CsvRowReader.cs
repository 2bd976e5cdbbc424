using System.Globalization;
using System.Text;

namespace Autoencoders.Data;

/// <summary>
/// Reads a CSV file of numbers row by row, matching its header's columns BY NAME to the columns a model was trained
/// on (their order in the file may differ); a column named <c>label</c> is handed over as text, not scored.
/// </summary>
/// <remarks>
/// Streams: one chunk of lines in memory at a time (their numbers parsed from spans, on every core), so a file of any size reads in constant
/// memory. Every error names the file, the data row (1 is the first row after the header) and the column.
/// </remarks>
public sealed class CsvRowReader : IRowReader
{
    /// <summary>The column whose cells are labels, not features.</summary>
    public const string LabelColumn = "label";

    private const int LongestQuotedCell = 40;

    // Rows one worker parses at a time: large enough that scheduling costs nothing beside 32 numbers a row.
    private const int RowsPerWorkItem = 1024;

    private readonly StreamReader reader;
    private readonly string[] fileColumns;
    // For each cell of a row, the feature it fills, or −1 for the label column.
    private readonly int[] featureOfCell;
    private readonly int labelCell = -1;
    private string? pendingLine;
    // Data rows read so far; the next is row + 1.
    private long row;
    // The lines of one Read and what they parse to: reading lines is sequential, parsing them is spread over the cores.
    private string[] lines = [];
    private float[] parsed = [];
    private string?[] parsedLabels = [];

    /// <summary>Opens <paramref name="path"/>.</summary>
    /// <param name="columns">The training columns in the model's order; null: a model without names, whose
    /// <paramref name="featureCount"/> columns are taken in the file's order (besides <c>label</c>).</param>
    /// <exception cref="InvalidDataException">A training column is missing, a column is not one of them, or the file is empty.</exception>
    public CsvRowReader(string path, IReadOnlyList<string>? columns, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found (expected a CSV file)", path);
        Path = path;
        FeatureCount = featureCount;
        reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        try
        {
            string first = NextLine() ?? throw DataErrors.Invalid(path, "no rows (the file is empty)");
            string[] cells = CsvLineSplitter.Split(first, path, 1);
            bool hasHeader = cells.Any(cell => !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            if (!hasHeader)
            {
                if (columns is not null)
                    throw DataErrors.Invalid(path, $"no header: expected the training columns by name ({string.Join(",", columns)})");
                pendingLine = first;
                cells = [.. Enumerable.Range(1, cells.Length).Select(i => $"column {i}")];
            }
            fileColumns = cells;
            labelCell = Array.IndexOf(cells, LabelColumn);
            featureOfCell = MatchColumns(cells, columns, featureCount, labelCell, path);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public string Path { get; }

    public int FeatureCount { get; }

    public bool HasLabels => labelCell >= 0;

    public int Read(Span<float> destination, Span<string?> labels)
    {
        int capacity = destination.Length / FeatureCount;
        if (lines.Length < capacity) (lines, parsed, parsedLabels) = (new string[capacity], new float[capacity * FeatureCount], new string?[capacity]);
        int rows = 0;
        while (rows < capacity && (pendingLine ?? NextLine()) is { } line)
        {
            pendingLine = null;
            lines[rows++] = line;
        }
        long firstRow = row + 1;
        row += rows;
        ParseLines(rows, firstRow);
        parsed.AsSpan(0, rows * FeatureCount).CopyTo(destination);
        if (HasLabels) parsedLabels.AsSpan(0, Math.Min(rows, labels.Length)).CopyTo(labels);
        return rows;
    }

    public void Dispose() => reader.Dispose();

    private static int[] MatchColumns(string[] cells, IReadOnlyList<string>? columns, int featureCount, int labelCell, string path)
    {
        var featureOfCell = new int[cells.Length];
        if (columns is null)
        {
            int features = cells.Length - (labelCell >= 0 ? 1 : 0);
            if (features != featureCount)
                throw DataErrors.Invalid(path, $"expected {featureCount} feature columns (the model's inputs), received {features}");
            for (int cell = 0, feature = 0; cell < cells.Length; cell++) featureOfCell[cell] = cell == labelCell ? -1 : feature++;
            return featureOfCell;
        }
        if (columns.Count != featureCount)
            throw new ArgumentException($"expected {featureCount} column names, received {columns.Count}", nameof(columns));
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Count; i++) position[columns[i]] = i;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int cell = 0; cell < cells.Length; cell++)
        {
            if (cell == labelCell) { featureOfCell[cell] = -1; continue; }
            if (!position.TryGetValue(cells[cell], out int feature))
                throw DataErrors.Invalid(path, $"column \"{cells[cell]}\" is not one the model was trained on (expected the columns {string.Join(",", columns)}, and optionally {LabelColumn})");
            if (!seen.Add(cells[cell]))
                throw DataErrors.Invalid(path, $"column \"{cells[cell]}\" appears twice in the header");
            featureOfCell[cell] = feature;
        }
        if (columns.FirstOrDefault(name => !seen.Contains(name)) is { } missing)
            throw DataErrors.Invalid(path, $"no column \"{missing}\": the model was trained on the columns {string.Join(",", columns)}");
        return featureOfCell;
    }

    private string? NextLine()
    {
        while (reader.ReadLine() is { } line)
            if (!string.IsNullOrWhiteSpace(line)) return line;
        return null;
    }

    // Parses lines[0..rows) into parsed and parsedLabels; an error is the one of the earliest bad row, as a sequential read would report.
    private void ParseLines(int rows, long firstRow)
    {
        int items = (rows + RowsPerWorkItem - 1) / RowsPerWorkItem;
        if (items <= 1)
        {
            ParseBlock(0, rows, firstRow);
            return;
        }
        var failures = new Exception?[items];
        Parallel.For(0, items, item =>
        {
            int start = item * RowsPerWorkItem;
            try
            {
                ParseBlock(start, Math.Min(rows, start + RowsPerWorkItem), firstRow);
            }
            catch (InvalidDataException failure)
            {
                failures[item] = failure;
            }
        });
        if (failures.FirstOrDefault(failure => failure is not null) is { } first)
            throw first;
    }

    private void ParseBlock(int start, int end, long firstRow)
    {
        for (int i = start; i < end; i++)
            parsedLabels[i] = ParseRow(lines[i], firstRow + i, parsed.AsSpan(i * FeatureCount, FeatureCount));
    }

    // Returns the row's label (null without a label column).
    private string? ParseRow(string line, long rowNumber, Span<float> values)
    {
        string? label = null;
        if (line.Contains('"'))
        {
            // Quoted cells are rare in numeric files: the general splitter, which honours "" escapes, handles them.
            string[] cells = CsvLineSplitter.Split(line, Path, (int)Math.Min(rowNumber, int.MaxValue));
            if (cells.Length != fileColumns.Length) throw RaggedRow(cells.Length, rowNumber);
            for (int cell = 0; cell < cells.Length; cell++)
                if (featureOfCell[cell] < 0) label = cells[cell];
                else values[featureOfCell[cell]] = ParseNumber(cells[cell], cell, rowNumber);
            return label;
        }
        ReadOnlySpan<char> rest = line;
        for (int cell = 0; cell < fileColumns.Length; cell++)
        {
            int comma = rest.IndexOf(',');
            if ((comma < 0) != (cell == fileColumns.Length - 1))
                throw RaggedRow(comma < 0 ? cell + 1 : line.Count(c => c == ',') + 1, rowNumber);
            ReadOnlySpan<char> text = (comma < 0 ? rest : rest[..comma]).Trim();
            if (featureOfCell[cell] < 0) label = text.ToString();
            else values[featureOfCell[cell]] = ParseNumber(text, cell, rowNumber);
            rest = comma < 0 ? default : rest[(comma + 1)..];
        }
        return label;
    }

    private float ParseNumber(ReadOnlySpan<char> text, int cell, long rowNumber)
    {
        if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && float.IsFinite(value))
            return value;
        string shown = text.Length <= LongestQuotedCell ? text.ToString() : $"{text[..LongestQuotedCell]}…";
        throw DataErrors.Invalid(Path, string.Create(CultureInfo.InvariantCulture,
            $"row {rowNumber:N0}, column \"{fileColumns[cell]}\": expected a finite number, received \"{shown}\""));
    }

    private InvalidDataException RaggedRow(int cells, long rowNumber) => DataErrors.Invalid(Path, string.Create(CultureInfo.InvariantCulture,
        $"row {rowNumber:N0}: expected {fileColumns.Length} cells (as the header), received {cells}"));
}
