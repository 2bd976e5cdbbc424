using System.Globalization;

namespace Autoencoders.Data;

/// <summary>
/// Reads a series from CSV: a header, one timestamp column (ISO 8601 or numeric) and one or more value columns, one row
/// per step. Every problem is one <see cref="InvalidDataException"/> naming the file and line: no timestamp column,
/// a timestamp or value that is not one, timestamps out of order or repeated, a missing value (unless filled).
/// </summary>
public static class TimeSeriesCsv
{
    /// <summary>Timestamp column names recognised without <c>timeColumn</c> (case-insensitive), in order of preference.</summary>
    public static IReadOnlyList<string> TimeColumnNames { get; } = ["timestamp", "time", "datetime", "date", "year"];

    /// <param name="timeColumn">The timestamp column's name; null takes the first of <see cref="TimeColumnNames"/> present.</param>
    /// <param name="columns">The value columns in channel order; null takes every other column.</param>
    public static TimeSeries Read(string path, string? timeColumn = null, IReadOnlyList<string>? columns = null, MissingValues missing = MissingValues.Reject)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found (expected a CSV series)", path);
        using var reader = new StreamReader(path);
        string? header = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(header)) throw DataErrors.Invalid(path, "line 1: empty, expected a header naming a timestamp column and value columns");
        string[] names = CsvLineSplitter.Split(header.TrimStart('\uFEFF'), path, 1);
        int timeCell = FindTimeColumn(path, names, timeColumn);
        int[] valueCells = FindValueColumns(path, names, timeCell, columns);
        int channels = valueCells.Length;

        var times = new List<double>();
        var texts = new List<string>();
        var values = new List<float>();
        bool? iso = null;
        int lineNumber = 1;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            string[] cells = CsvLineSplitter.Split(line, path, lineNumber);
            if (cells.Length != names.Length)
                throw DataErrors.Invalid(path, $"line {lineNumber}: {cells.Length} cells, expected {names.Length} as the header has");
            string timeText = cells[timeCell];
            iso ??= SeriesTime.ParseNumber(timeText) is null;
            double time = (iso.Value ? SeriesTime.ParseIso(timeText) : SeriesTime.ParseNumber(timeText))
                ?? throw DataErrors.Invalid(path, $"line {lineNumber}, column \"{names[timeCell]}\": expected {(iso.Value ? "an ISO 8601 time such as 2024-01-31T12:00:00, as on the first row" : "a number, as on the first row")}, received \"{timeText}\"");
            if (times.Count > 0 && !(time > times[^1]))
                throw DataErrors.Invalid(path, $"line {lineNumber}, column \"{names[timeCell]}\": timestamps must increase, received {timeText} after {texts[^1]}{(time == times[^1] ? " (a repeated step)" : "")}");
            times.Add(time);
            texts.Add(timeText);
            foreach (int cell in valueCells)
            {
                string text = cells[cell];
                if (text.Length == 0 || text.Equals("nan", StringComparison.OrdinalIgnoreCase) || text.Equals("na", StringComparison.OrdinalIgnoreCase))
                {
                    if (missing == MissingValues.Reject)
                        throw DataErrors.Invalid(path, $"line {lineNumber}, column \"{names[cell]}\": missing value (\"{text}\"); fill it with --fill linear or remove the row");
                    values.Add(float.NaN);
                    continue;
                }
                if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                    throw DataErrors.Invalid(path, $"line {lineNumber}, column \"{names[cell]}\": expected a number, received \"{text}\"");
                values.Add(value);
            }
        }
        if (times.Count == 0) throw DataErrors.Invalid(path, "no data rows below the header");
        float[] array = [.. values];
        if (missing == MissingValues.Linear) FillLinear(path, array, channels, names, valueCells);
        return new TimeSeries([.. times], [.. texts], [.. valueCells.Select(c => names[c])], array, iso ?? false, path);
    }

    private static int FindTimeColumn(string path, string[] names, string? timeColumn)
    {
        if (timeColumn is not null)
        {
            int index = Array.FindIndex(names, n => n.Equals(timeColumn, StringComparison.OrdinalIgnoreCase));
            return index >= 0 ? index
                : throw DataErrors.Invalid(path, $"line 1: no timestamp column \"{timeColumn}\", received columns {string.Join(", ", names)}");
        }
        foreach (string candidate in TimeColumnNames)
        {
            int index = Array.FindIndex(names, n => n.Equals(candidate, StringComparison.OrdinalIgnoreCase));
            if (index >= 0) return index;
        }
        throw DataErrors.Invalid(path, $"line 1: no timestamp column, expected one named {string.Join(", ", TimeColumnNames)} (or name it with --time-column), received columns {string.Join(", ", names)}");
    }

    private static int[] FindValueColumns(string path, string[] names, int timeCell, IReadOnlyList<string>? columns)
    {
        if (columns is null)
        {
            int[] others = [.. Enumerable.Range(0, names.Length).Where(i => i != timeCell)];
            return others.Length > 0 ? others : throw DataErrors.Invalid(path, $"line 1: only the timestamp column \"{names[timeCell]}\", expected value columns beside it");
        }
        if (columns.Count == 0) throw DataErrors.Invalid(path, "no value columns asked for");
        return [.. columns.Select(column =>
        {
            int index = Array.FindIndex(names, n => n.Equals(column, StringComparison.OrdinalIgnoreCase));
            if (index == timeCell) throw DataErrors.Invalid(path, $"column \"{column}\" is the timestamp column, expected a value column");
            return index >= 0 ? index : throw DataErrors.Invalid(path, $"line 1: no column \"{column}\", received columns {string.Join(", ", names)}");
        })];
    }

    // Per channel: each run of NaN between known values becomes the straight line between them; runs at either end take the nearest known value.
    private static void FillLinear(string path, float[] values, int channels, string[] names, int[] valueCells)
    {
        int length = values.Length / channels;
        for (int c = 0; c < channels; c++)
        {
            int previous = -1;
            for (int t = 0; t <= length; t++)
            {
                if (t < length && float.IsNaN(values[t * channels + c])) continue;
                if (t == length && previous < 0)
                    throw DataErrors.Invalid(path, $"column \"{names[valueCells[c]]}\": every value is missing, nothing to interpolate from");
                for (int gap = previous + 1; gap < t; gap++)
                {
                    float filled = previous < 0 ? values[t * channels + c]
                        : t == length ? values[previous * channels + c]
                        : values[previous * channels + c] + (values[t * channels + c] - values[previous * channels + c]) * (gap - previous) / (t - previous);
                    values[gap * channels + c] = filled;
                }
                previous = t;
            }
        }
    }
}
