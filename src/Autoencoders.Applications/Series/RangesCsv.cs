using System.Globalization;
using System.Text;
using Autoencoders.Data;

namespace Autoencoders.Applications.Series;

/// <summary>Ranges as CSV in the series' own timestamps: flagged ranges out (<c>start,end,peak_score</c>), labelled ranges in (<c>start,end</c>).</summary>
public static class RangesCsv
{
    /// <summary>The flagged ranges, ends inclusive, as the series' timestamp texts.</summary>
    public static string Format(IEnumerable<AnomalyRange> ranges, TimeSeries series)
    {
        var csv = new StringBuilder("start,end,peak_score\n");
        foreach (var range in ranges)
            csv.Append(string.Create(CultureInfo.InvariantCulture, $"{CsvField.Quote(series.TimeTexts[range.Start])},{CsvField.Quote(series.TimeTexts[range.End])},{range.PeakScore:G6}\n"));
        return csv.ToString();
    }

    /// <summary>
    /// Labelled ranges <c>start,end</c> (timestamps of the same kind as the series', ends inclusive) as the steps of
    /// <paramref name="series"/> they cover; a range that covers no step is an error naming its line.
    /// </summary>
    public static IReadOnlyList<AnomalyRange> ReadLabels(string path, TimeSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found (expected labelled ranges, CSV start,end)", path);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || !lines[0].Replace(" ", "", StringComparison.Ordinal).StartsWith("start,end", StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{path}: line 1: expected the header start,end, received \"{(lines.Length > 0 ? lines[0] : "")}\"");
        var ranges = new List<AnomalyRange>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            string[] cells = lines[i].Split(',');
            if (cells.Length < 2) throw new InvalidDataException($"{path}: line {i + 1}: expected start,end, received \"{lines[i]}\"");
            double start = Time(path, i + 1, cells[0], series), end = Time(path, i + 1, cells[1], series);
            int first = series.CountUntil(start - 1e-9 * Math.Max(1, Math.Abs(start))), afterLast = series.CountUntil(end);
            if (afterLast <= first) throw new InvalidDataException($"{path}: line {i + 1}: the range {cells[0].Trim()} to {cells[1].Trim()} covers no step of {series.Source}");
            ranges.Add(new AnomalyRange(first, afterLast - 1, double.NaN));
        }
        return ranges;
    }

    private static double Time(string path, int line, string cell, TimeSeries series)
    {
        string text = cell.Trim().Trim('"');
        return SeriesTime.Parse(text, series.IsIsoTime)
            ?? throw new InvalidDataException($"{path}: line {line}: expected {(series.IsIsoTime ? "an ISO 8601 time" : "a number")} as the series' timestamps, received \"{text}\"");
    }

}
