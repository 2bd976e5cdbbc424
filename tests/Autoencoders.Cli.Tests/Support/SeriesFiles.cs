using System.Globalization;
using System.Text;
using Autoencoders.Data;

namespace Autoencoders.Cli.Tests;

/// <summary>
/// Series CSVs for the <c>ae timeseries</c> tests: the Keras example's setting re-created without its data — a 5-minute
/// series with a daily cycle and small noise — optionally with a jump of one level over a stretch of steps.
/// </summary>
public static class SeriesFiles
{
    public static readonly DateTime Start = new(2014, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The ISO 8601 time of step <paramref name="step"/>, 5 minutes apart.</summary>
    public static string Time(int step) => Start.AddMinutes(5 * step).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>v(t) = 20 + 10 sin(2πt / period) + noise·z, and <paramref name="jumpHeight"/> more over the jump's steps.</summary>
    public static string Periodic(string path, int steps, int period, double noise, ulong seed, int jumpStart = 0, int jumpLength = 0, double jumpHeight = 0)
    {
        var random = new DeterministicRandom(seed);
        var csv = new StringBuilder("timestamp,value\n");
        for (int t = 0; t < steps; t++)
        {
            double value = 20 + 10 * Math.Sin(2 * Math.PI * t / period) + noise * random.NextGaussian();
            if (t >= jumpStart && t < jumpStart + jumpLength) value += jumpHeight;
            csv.Append(CultureInfo.InvariantCulture, $"{Time(t)},{value:F4}\n");
        }
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    /// <summary>A labels file with one range, steps inclusive.</summary>
    public static string Labels(string path, int first, int last)
    {
        File.WriteAllText(path, $"start,end\n{Time(first)},{Time(last)}\n");
        return path;
    }
}
