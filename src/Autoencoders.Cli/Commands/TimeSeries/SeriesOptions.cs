using System.CommandLine;
using Autoencoders.Data;

namespace Autoencoders.Cli.Commands;

/// <summary>How <c>ae timeseries</c> commands read a series CSV: <c>--time-column</c>, <c>--columns</c>, <c>--fill</c>.</summary>
internal sealed class SeriesOptions
{
    public Option<string?> TimeColumn { get; } = new("--time-column")
    {
        Description = $"the timestamp column, ISO 8601 times or numbers (default: the first column named {string.Join(", ", TimeSeriesCsv.TimeColumnNames)})",
        HelpName = "NAME",
    };

    public Option<string?> Columns { get; } = new("--columns") { Description = "the value columns, one channel each, separated by commas (default: every column but the timestamp)", HelpName = "A,B,..." };

    public Option<string> Fill { get; } = new("--fill")
    {
        Description = "missing values (empty, NaN, NA): reject (stop, naming the line) or linear (interpolate within the column)",
        DefaultValueFactory = _ => "reject", HelpName = "reject|linear",
    };

    public SeriesOptions() => Fill.AcceptOnlyFromAmong("reject", "linear");

    public IEnumerable<Option> All => [TimeColumn, Columns, Fill];

    /// <summary>The value columns given by <c>--columns</c>, or null.</summary>
    public static IReadOnlyList<string>? SplitColumns(string? text) =>
        text is null ? null : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Reads <paramref name="path"/> with the options parsed; <paramref name="columns"/> overrides <c>--columns</c> (a model's own channels).</summary>
    public TimeSeries Read(ParseResult parsed, string path, IReadOnlyList<string>? columns = null, string? timeColumn = null) =>
        TimeSeriesCsv.Read(path, parsed.GetValue(TimeColumn) ?? timeColumn, columns ?? SplitColumns(parsed.GetValue(Columns)),
            parsed.GetValue(Fill) == "linear" ? MissingValues.Linear : MissingValues.Reject);

    /// <summary>"series.csv: 4,032 steps × 1 channel (value), regular, every 5 min".</summary>
    public static string Describe(TimeSeries series)
    {
        var spacing = SeriesSpacing.Measure(series.Times);
        return $"{series.Source}: {series.Length:N0} steps × {series.ChannelCount} channel{(series.ChannelCount == 1 ? "" : "s")} ({string.Join(", ", series.Channels)}), {spacing.Describe(series.IsIsoTime, series.Length)}";
    }

    /// <summary>A window that fits the series, as a usage error naming both.</summary>
    public static void RequireWindow(TimeSeries series, int window, string what)
    {
        if (window > series.Length)
            throw new UsageException($"--window {window}: longer than {what} ({series.Source}, {series.Length:N0} steps); expected at most {series.Length:N0}");
    }

    /// <summary>The series up to <c>--train-until</c> (inclusive) to train on, and the rest held out (null: none).</summary>
    public static (TimeSeries Train, TimeSeries? HeldOut) SplitAt(TimeSeries series, string? trainUntil)
    {
        if (trainUntil is null) return (series, null);
        double time = SeriesTime.Parse(trainUntil, series.IsIsoTime)
            ?? throw new UsageException($"--train-until {trainUntil}: expected {(series.IsIsoTime ? "an ISO 8601 time" : "a number")} like the timestamps of {series.Source} (first {series.TimeTexts[0]})");
        int count = series.CountUntil(time);
        if (count == 0) throw new UsageException($"--train-until {trainUntil}: before the first step of {series.Source} ({series.TimeTexts[0]}), leaves nothing to train on");
        return (series.Slice(0, count), count < series.Length ? series.Slice(count, series.Length - count) : null);
    }
}
