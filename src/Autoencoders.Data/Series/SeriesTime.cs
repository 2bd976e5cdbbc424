using System.Globalization;

namespace Autoencoders.Data;

/// <summary>Timestamps as the series reader takes them: ISO 8601 dates and times (as seconds since 1970, UTC) or plain numbers.</summary>
public static class SeriesTime
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM",
    ];

    /// <summary>A plain number, or null.</summary>
    public static double? ParseNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : null;

    /// <summary>An ISO 8601 date or date and time as seconds since 1970-01-01 UTC (no zone: taken as UTC), or null.</summary>
    public static double? ParseIso(string text) =>
        DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? (time.UtcDateTime - DateTime.UnixEpoch).TotalSeconds
            : null;

    /// <summary>A time given on the command line (<c>--train-until</c>) in the series' kind of timestamp.</summary>
    public static double? Parse(string text, bool isIso) => isIso ? ParseIso(text) : ParseNumber(text);

    /// <summary>A step between timestamps, readably: "5 min", "1 d", or the bare number for numeric times.</summary>
    public static string DescribeStep(double step, bool isIso)
    {
        if (!isIso) return step.ToString("G6", CultureInfo.InvariantCulture);
        var span = TimeSpan.FromSeconds(step);
        return span.TotalDays >= 1 && span.TotalDays % 1 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:G6} d")
            : span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:G6} h")
            : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:G6} min")
            : string.Create(CultureInfo.InvariantCulture, $"{step:G6} s");
    }
}
